package dev.kubeherd.cli.brigcluster;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code brigcluster worker init|create APP}. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = "The per-app pipeline in the app's namespace.",
    subcommands = {WorkerInitCommand.class, WorkerCreateCommand.class})
public final class WorkerPipelineCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
