package dev.kubeherd.cli.brigcluster;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code brigcluster master create|update}. */
@Command(
    name = "master",
    mixinStandardHelpOptions = true,
    description = "The cluster-level pipeline in the system namespace.",
    subcommands = {MasterCreateCommand.class, MasterUpdateCommand.class})
public final class MasterCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
