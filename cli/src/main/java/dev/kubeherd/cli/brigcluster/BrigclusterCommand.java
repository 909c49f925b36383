package dev.kubeherd.cli.brigcluster;

import dev.kubeherd.cli.VersionProvider;
import dev.kubeherd.cli.toolkit.ConfigOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code brigcluster} (also {@code kubeherd brigcluster}): the master pipeline that manages the
 * cluster and the per-app worker pipelines it creates (§2.9, §2.10).
 */
@Command(
    name = "brigcluster",
    description = "Manage the cluster-level (master) pipeline and the per-app (worker) pipelines.",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = {MasterCommand.class, WorkerPipelineCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done",
      "1:usage error",
      "2:a key or script file is missing, or no default script is found",
      "3:an SSM parameter is missing, the pipeline to update is missing, or the Kubernetes API"
          + " failed",
      "4:the pipeline to create already exists",
      "N:the install job failed with exit code N (the message names its build)"
    })
public final class BrigclusterCommand implements Runnable {
  @Mixin ConfigOption config;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
