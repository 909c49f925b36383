package dev.kubeherd.cli.build;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code brig build}: the build subcommands; alone it prints its usage. */
@Command(
    name = "build",
    description = "Inspect, cancel and delete builds.",
    subcommands = {
      BuildListCommand.class,
      BuildGetCommand.class,
      BuildLogsCommand.class,
      BuildDeleteCommand.class,
      BuildDeleteAllCommand.class,
      BuildCancelCommand.class
    })
public final class BuildCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
