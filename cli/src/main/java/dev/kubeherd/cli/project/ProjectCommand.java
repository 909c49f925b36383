package dev.kubeherd.cli.project;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code brig project}: the project subcommands; alone it prints its usage. */
@Command(
    name = "project",
    description = "Manage projects.",
    subcommands = {
      ProjectCreateCommand.class,
      ProjectListCommand.class,
      ProjectGetCommand.class,
      ProjectDeleteCommand.class
    })
public final class ProjectCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
