package dev.kubeherd.cli.sync;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.ExitCodes;
import dev.kubeherd.cli.deploy.ToolOptions;
import dev.kubeherd.cli.toolkit.ConfigOption;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kubeherd sync worker APP}: one app's namespace, namespace-defaults and pipeline. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "In environments/ENV/app-infra (or environments/ENV/worker, its other name): decrypt,"
          + " helmfile sync with APP, CLUSTER"
          + " and APP_VALUES_DIR (the app repository's ci/environments/ENV, fetched with a depth-1"
          + " clone into a temporary directory); APP_PIPELINE_TEMPLATE and APP_NAMESPACE_DEFAULTS"
          + " from the app's apps.yaml entry.",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:synced",
      "1:usage error, helmfile/sops/kubectl not installed, or a tool (sops, helmfile) failed",
      "2:no app-infra directory or helmfile, a malformed apps.yaml, or no app values",
      "3:the app repository or an SSM parameter could not be read",
      "4:--create and the app namespace exists, or a decrypted secrets file is in the way"
    })
public final class SyncWorkerCommand implements Callable<Integer> {
  private final BrigApp app;

  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Parameters(index = "0", paramLabel = "APP", description = "The app (its namespace).")
  String appName;

  @Mixin SyncSettings sync;

  @Option(
      names = "--app-repository",
      paramLabel = "URL",
      description = "The app repository (default: its entry in apps.yaml, or the file's defaults).")
  String appRepository;

  @Option(
      names = "--create",
      description =
          "First run (brigcluster worker create): fail with exit code 4 if the app namespace"
              + " exists; without it the sync upserts.")
  boolean create;

  @Mixin GitAuthOptions git;

  @Mixin ToolOptions tools;

  public SyncWorkerCommand(BrigApp app) {
    this.app = app;
  }

  @Override
  public Integer call() throws InterruptedException {
    SyncRun.clusterSync(app, spec, tools, sync, git)
        .worker(
            sync.options(Optional.empty(), create),
            appName,
            Optional.ofNullable(appRepository).filter(r -> !r.isBlank()));
    SyncRun.progress(spec).accept("sync worker " + appName + ": done");
    return ExitCodes.OK;
  }
}
