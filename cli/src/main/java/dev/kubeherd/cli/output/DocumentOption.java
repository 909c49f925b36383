package dev.kubeherd.cli.output;

import dev.kubeherd.core.secret.DocumentFormat;
import picocli.CommandLine.Option;

/** {@code -o/--output yaml|json} of the {@code get} commands (YAML by default, as brig v1). */
public final class DocumentOption {
  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "yaml",
      description = "yaml or json (default: ${DEFAULT-VALUE}).")
  DocumentFormat format;

  public DocumentFormat format() {
    return format;
  }
}
