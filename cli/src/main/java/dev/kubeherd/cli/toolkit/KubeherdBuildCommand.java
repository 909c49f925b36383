package dev.kubeherd.cli.toolkit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kubeherd build}: the toolkit's build commands, {@code ami} and {@code dockerimage}. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = "Build node images (ami) and app container images (dockerimage).",
    subcommands = {AmiBuildCommand.class, DockerImageBuildCommand.class})
public final class KubeherdBuildCommand implements Runnable {
  @Mixin ConfigOption config;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
