package dev.kubeherd.cli;

import dev.kubeherd.cli.brigadm.BrigadmCommand;
import dev.kubeherd.cli.brigcluster.BrigclusterCommand;
import dev.kubeherd.cli.deploy.DeployCommand;
import dev.kubeherd.cli.deploy.Sdf4kCommand;
import dev.kubeherd.cli.deploy.UndeployCommand;
import dev.kubeherd.cli.sync.SyncCommand;
import dev.kubeherd.cli.toolkit.KubeherdBuildCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kubeherd}: the toolkit front end; {@code kubeherd brig ...} is brig itself. */
@Command(
    name = "kubeherd",
    description = "kubeherd, a Brigade v1 compatible pipeline runtime.",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = {
      VersionCommand.class,
      ServeCommand.class,
      GatewayCommand.class,
      ControllerCommand.class,
      WorkerCommand.class,
      WorkerPoolCommand.class,
      SelfTestCommand.class,
      KubeherdBuildCommand.class,
      BrigadmCommand.class,
      BrigclusterCommand.class,
      DeployCommand.class,
      UndeployCommand.class,
      Sdf4kCommand.class,
      SyncCommand.class
    })
public final class KubeherdCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
