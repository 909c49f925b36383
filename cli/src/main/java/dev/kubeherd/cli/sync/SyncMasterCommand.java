package dev.kubeherd.cli.sync;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.ExitCodes;
import dev.kubeherd.cli.deploy.ToolOptions;
import dev.kubeherd.cli.toolkit.ConfigOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kubeherd sync master}: the cluster level, then {@code sync worker} per app. */
@Command(
    name = "master",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "In --path (default environments/ENV/cluster-infra, else environments/ENV): decrypt,"
          + " helmfile sync with CLUSTER. Then, for every app of"
          + " environments/ENV/app-infra/apps.yaml in order, what sync worker APP does.",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:synced",
      "1:usage error, helmfile/sops/kubectl not installed, or a tool (sops, helmfile) failed",
      "2:no helmfile, a malformed apps.yaml, or an app repo without its values",
      "3:an app repository or SSM parameter could not be read",
      "4:--create and an app namespace exists, or a decrypted secrets file is in the way"
    })
public final class SyncMasterCommand implements Callable<Integer> {
  private final BrigApp app;

  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Mixin SyncSettings sync;

  @Option(
      names = "--path",
      paramLabel = "DIR",
      description =
          "The cluster level's directory in the repository (default:"
              + " environments/ENV/cluster-infra, else environments/ENV).")
  Path path;

  @Option(
      names = "--create",
      description =
          "First run: every app namespace must not exist yet (kubectl get namespace); an existing"
              + " one fails with exit code 4 before anything is applied for it.")
  boolean create;

  @Mixin GitAuthOptions git;

  @Mixin ToolOptions tools;

  public SyncMasterCommand(BrigApp app) {
    this.app = app;
  }

  @Override
  public Integer call() throws InterruptedException {
    List<String> apps =
        SyncRun.clusterSync(app, spec, tools, sync, git)
            .master(sync.options(Optional.ofNullable(path), create));
    SyncRun.progress(spec)
        .accept(
            "sync master: done"
                + (apps.isEmpty() ? " (no apps)" : "; apps synced: " + String.join(", ", apps)));
    return ExitCodes.OK;
  }
}
