package dev.kubeherd.cli.brigadm;

import dev.kubeherd.cli.VersionProvider;
import dev.kubeherd.cli.toolkit.ConfigOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code brigadm} (also {@code kubeherd brigadm}): one pipeline engine and one project per
 * namespace, and the SSM parameters they read their keys and tokens from.
 */
@Command(
    name = "brigadm",
    description = "Manage pipeline installations and their secrets in SSM Parameter Store.",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = {
      SsmCommand.class,
      InitCommand.class,
      RunJobCommand.class,
      WaitCommand.class,
      StatusCommand.class,
      BootstrapCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done",
      "1:usage error, or a required tool is not installed",
      "2:an input file (value file, config file) is missing or invalid",
      "3:an AWS call failed: parameter missing, access denied (the message names the IAM action)",
      "4:something to create already exists"
    })
public final class BrigadmCommand implements Runnable {
  @Mixin ConfigOption config;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
