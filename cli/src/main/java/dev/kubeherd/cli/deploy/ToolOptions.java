package dev.kubeherd.cli.deploy;

import dev.kubeherd.cli.toolkit.DurationConverter;
import dev.kubeherd.toolkit.tools.ExternalTool;
import dev.kubeherd.toolkit.tools.ToolRunner;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The executables of the external tools ({@code --helmfile}, {@code --helm}, {@code --kubectl},
 * {@code --sops}) and how long one run may take ({@code --tool-timeout}); their defaults come from
 * {@code KUBEHERD_*} and {@code kubeherd.yaml}.
 */
public final class ToolOptions {
  @Option(
      names = "--helmfile",
      paramLabel = "PATH",
      description = "helmfile executable (default: KUBEHERD_HELMFILE, kubeherd.yaml, helmfile).")
  String helmfile;

  @Option(
      names = "--helm",
      paramLabel = "PATH",
      description = "helm executable (default: KUBEHERD_HELM, kubeherd.yaml, helm).")
  String helm;

  @Option(
      names = "--kubectl",
      paramLabel = "PATH",
      description = "kubectl executable (default: KUBEHERD_KUBECTL, kubeherd.yaml, kubectl).")
  String kubectl;

  @Option(
      names = "--sops",
      paramLabel = "PATH",
      description = "sops executable (default: KUBEHERD_SOPS, kubeherd.yaml, sops).")
  String sops;

  @Option(
      names = "--tool-timeout",
      paramLabel = "DURATION",
      defaultValue = "30m",
      converter = DurationConverter.class,
      description =
          "Stop a helmfile, sops, helm or kubectl run (and its child processes) that takes longer"
              + " (default: KUBEHERD_TOOL_TIMEOUT, kubeherd.yaml, ${DEFAULT-VALUE}).")
  Duration toolTimeout;

  String executable(ExternalTool tool) {
    String configured =
        switch (tool) {
          case HELMFILE -> helmfile;
          case HELM -> helm;
          case KUBECTL -> kubectl;
          case SOPS -> sops;
        };
    return configured == null || configured.isBlank() ? tool.command() : configured;
  }

  /** A runner with the process's environment, streaming tool output to {@code err}. */
  public ToolRunner runner(Map<String, String> env, PrintWriter err) {
    return new ToolRunner(
        env,
        this::executable,
        line -> {
          err.println(line);
          err.flush();
        },
        toolTimeout == null ? ToolRunner.DEFAULT_TIMEOUT : toolTimeout);
  }
}
