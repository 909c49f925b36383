package dev.kubeherd.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --runtime}: how local mode runs jobs; shared by {@code brig run} and {@code serve}. */
public final class JobRuntimeOption {
  @Option(
      names = "--runtime",
      paramLabel = "RUNTIME",
      defaultValue = "${env:KUBEHERD_RUNTIME:-process}",
      converter = JobRuntimeOption.Converter.class,
      description =
          "Local mode: run jobs as local processes or in containers with podman or docker"
              + " (${COMPLETION-CANDIDATES}; default: ${DEFAULT-VALUE}, env KUBEHERD_RUNTIME).")
  JobRuntime runtime;

  public JobRuntime runtime() {
    return runtime;
  }

  /** A runtime by name, in any case; the error names the environment variable too. */
  public static final class Converter implements ITypeConverter<JobRuntime> {
    @Override
    public JobRuntime convert(String value) {
      for (JobRuntime runtime : JobRuntime.values()) {
        if (runtime.name().equalsIgnoreCase(value.strip())) {
          return runtime;
        }
      }
      throw new TypeConversionException(
          "'"
              + value
              + "' is not a job runtime: use process, podman or docker (set by --runtime or by"
              + " the KUBEHERD_RUNTIME environment variable)");
    }
  }
}
