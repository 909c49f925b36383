package dev.kubeherd.cli;

import picocli.CommandLine.Option;

/** {@code --runtime}: how local mode runs jobs; shared by {@code brig run} and {@code serve}. */
public final class JobRuntimeOption {
  @Option(
      names = "--runtime",
      paramLabel = "RUNTIME",
      defaultValue = "${env:KUBEHERD_RUNTIME:-process}",
      description =
          "Local mode: run jobs as local processes or in containers with podman or docker"
              + " (${COMPLETION-CANDIDATES}; default: ${DEFAULT-VALUE}, env KUBEHERD_RUNTIME).")
  JobRuntime runtime;

  public JobRuntime runtime() {
    return runtime;
  }
}
