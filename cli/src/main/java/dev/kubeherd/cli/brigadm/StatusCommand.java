package dev.kubeherd.cli.brigadm;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.core.Json;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import dev.kubeherd.toolkit.pipeline.PipelineStatus;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code brigadm status}: whether a namespace has an engine and a project (§2.7). */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Report whether the namespace has a pipeline engine and a project.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:engine and project exist",
      "1:usage error",
      "3:the engine or the project is missing, or the Kubernetes API failed"
    })
public final class StatusCommand implements Callable<Integer> {
  private final BrigApp app;

  @Spec CommandSpec spec;

  @Option(
      names = {"-n", "--namespace"},
      required = true,
      paramLabel = "NS",
      description = "Namespace of the pipeline.")
  String namespace;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  Format output;

  enum Format {
    TEXT,
    JSON
  }

  @Mixin KubeOptions kube;

  public StatusCommand(BrigApp app) {
    this.app = app;
  }

  @Override
  public Integer call() {
    PipelineStatus status =
        new Pipelines(kube.client(app), app.clock(), err()).probe().probe(namespace);
    PrintWriter out = spec.commandLine().getOut();
    out.println(output == Format.JSON ? json(status) : status.describe());
    out.flush();
    return status.installed() ? ToolkitExitCodes.OK : ToolkitExitCodes.REMOTE_FAILED;
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }

  static String json(PipelineStatus s) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("namespace", s.namespace());
    doc.put("installed", s.installed());
    doc.put("engineInstalled", s.engineInstalled());
    doc.put("engineAvailable", s.engineAvailable());
    doc.put("engineDeployment", s.engineDeployment().orElse(null));
    doc.put("projects", s.projects());
    return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
  }
}
