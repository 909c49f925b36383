package dev.kubeherd.cli.toolkit;

import dev.kubeherd.toolkit.config.ConfigLocation;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code --config FILE}, mixed into each toolkit command group and inherited by its subcommands.
 * {@link ToolkitDefaults} reads it while defaults are applied (after the arguments are parsed).
 */
public final class ConfigOption {
  static final String NAME = "--config";

  @Option(
      names = NAME,
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description =
          "Toolkit config file (default: $"
              + ConfigLocation.ENV
              + ", else "
              + ConfigLocation.FILE_NAME
              + " in the working directory if present). Flags win over KUBEHERD_* variables, which win over the file.")
  String config;
}
