package dev.kubeherd.cli.run;

import dev.kubeherd.cli.output.TextFiles;
import dev.kubeherd.core.model.BuildRequest;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Files whose content goes into the build: brigade.js, brigade.json and the payload. */
public final class ContentOptions {
  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "brigade.js to run (default: the project's, or the rerun build's).")
  Path script;

  @Option(
      names = {"-p", "--payload"},
      paramLabel = "FILE",
      description = "File whose content is the event payload.")
  Path payloadFile;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "brigade.json to use (default: the project's, or the rerun build's).")
  Path config;

  /** {@code request} with the content of each file given; what no flag names stays. */
  BuildRequest applyTo(BuildRequest request) {
    BuildRequest r = request;
    if (payloadFile != null) {
      r = r.withPayload(TextFiles.read(payloadFile, "payload"));
    }
    if (script != null) {
      r = r.withScript(TextFiles.read(script, "brigade.js"));
    }
    if (config != null) {
      r = r.withConfig(TextFiles.read(config, "brigade.json"));
    }
    return r;
  }
}
