package dev.kubeherd.cli;

import dev.kubeherd.cli.build.BuildCommand;
import dev.kubeherd.cli.ops.CheckCommand;
import dev.kubeherd.cli.ops.DashboardCommand;
import dev.kubeherd.cli.ops.TermCommand;
import dev.kubeherd.cli.project.ProjectCommand;
import dev.kubeherd.cli.run.RerunCommand;
import dev.kubeherd.cli.run.RunCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code brig}: the Brigade v1 command line, backed by kubeherd's stores and worker. */
@Command(
    name = "brig",
    description = "Run Brigade v1 builds and manage projects and builds.",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = VersionProvider.class,
    subcommands = {
      RunCommand.class,
      RerunCommand.class,
      ProjectCommand.class,
      BuildCommand.class,
      VersionCommand.class,
      CheckCommand.class,
      DashboardCommand.class,
      TermCommand.class,
      HelpCommand.class
    })
public final class BrigCommand implements Runnable {
  @Mixin GlobalOptions global;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
