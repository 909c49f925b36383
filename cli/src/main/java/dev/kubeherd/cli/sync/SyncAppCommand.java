package dev.kubeherd.cli.sync;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.ExitCodes;
import dev.kubeherd.cli.deploy.ToolOptions;
import dev.kubeherd.cli.toolkit.ConfigOption;
import dev.kubeherd.toolkit.sync.AppSync;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kubeherd sync app}: the app's releases from its repository's {@code ci/helmfile}. */
@Command(
    name = "app",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "In ci/environments/ENV of the app repository: decrypt, then helmfile --file ../../helmfile"
          + " --environment ENV sync with ENV, CLUSTER, GIT_TAG (--git-tag, $GIT_TAG, else git"
          + " describe --tags --always made a valid image tag) and GIT_DESCRIBE (the describe"
          + " output as it is).",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:synced",
      "1:usage error, helmfile/sops not installed, or a tool (sops, helmfile) failed",
      "2:no ci/environments/ENV or no ci/helmfile",
      "4:a decrypted secrets file is in the way"
    })
public final class SyncAppCommand implements Callable<Integer> {
  private final BrigApp app;

  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Mixin SyncSettings sync;

  @Option(
      names = "--git-tag",
      paramLabel = "TAG",
      description =
          "GIT_TAG for the helmfile (default: $GIT_TAG, else git describe --tags --always made"
              + " a valid image tag as build dockerimage makes it: release/1.2.0 -> release-1.2.0).")
  String gitTag;

  @Mixin ToolOptions tools;

  public SyncAppCommand(BrigApp app) {
    this.app = app;
  }

  @Override
  public Integer call() throws InterruptedException {
    String deployed =
        new AppSync(tools.runner(app.env(), spec.commandLine().getErr()), SyncRun.progress(spec))
            .run(
                sync.options(Optional.empty(), false),
                Optional.ofNullable(gitTag)
                    .or(() -> Optional.ofNullable(app.env().get("GIT_TAG"))));
    SyncRun.progress(spec).accept("sync app: done (GIT_TAG " + deployed + ")");
    return ExitCodes.OK;
  }
}
