package dev.kubeherd.cli.brigcluster;

import dev.kubeherd.cli.toolkit.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How a {@code brigcluster} command runs: as an install job in the cluster (the default), or in
 * place with this process's credentials ({@code --in-place}, hidden: what the install job itself
 * runs, with {@code --install-only}).
 */
public final class JobOptions {
  /** The hidden flags an install job's command line carries. */
  static final String IN_PLACE = "--in-place";

  static final String INSTALL_ONLY = "--install-only";

  @Option(names = IN_PLACE, hidden = true)
  boolean inPlace;

  @Option(names = INSTALL_ONLY, hidden = true)
  boolean installOnly;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "300s",
      converter = DurationConverter.class,
      description = "How long to wait for an engine to be Available (default: ${DEFAULT-VALUE}).")
  Duration readyTimeout;

  @Option(
      names = "--start-timeout",
      paramLabel = "DURATION",
      defaultValue = "2m",
      converter = DurationConverter.class,
      description =
          "Give up when no engine starts the install job within this (default: ${DEFAULT-VALUE}).")
  Duration startTimeout;

  /** Install here, with this process's credentials (the install job, or an operator's choice). */
  boolean inPlace() {
    return inPlace || installOnly;
  }
}
