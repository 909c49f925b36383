package dev.kubeherd.cli.brigadm;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code brigadm ssm}: put and get SSM parameters (deploy keys, tokens). */
@Command(
    name = "ssm",
    mixinStandardHelpOptions = true,
    description = "Put and get SSM parameters: deploy keys, GitHub tokens, shared secrets.",
    subcommands = {SsmPutCommand.class, SsmGetCommand.class})
public final class SsmCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
