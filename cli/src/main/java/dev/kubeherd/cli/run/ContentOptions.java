package dev.kubeherd.cli.run;

import dev.kubeherd.cli.CliException;
import dev.kubeherd.cli.output.TextFiles;
import dev.kubeherd.core.Json;
import dev.kubeherd.core.model.BuildRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import tools.jackson.core.JacksonException;

/** Files whose content goes into the build: brigade.js, brigade.json and the payload. */
public final class ContentOptions {
  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "brigade.js to run (default: the project's; with rerun, the old build's).")
  Path script;

  @Option(
      names = {"-p", "--payload"},
      paramLabel = "FILE",
      description = "File whose content is the event payload.")
  Path payloadFile;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "brigade.json to use (default: the project's; with rerun, the old build's).")
  Path config;

  /**
   * {@code request} with the content of each file given; what no flag names stays. A payload that
   * is not UTF-8 is taken as v1 took any bytes: as its worker's script saw them, malformed bytes
   * replaced by U+FFFD, with a warning on {@code err}.
   */
  BuildRequest applyTo(BuildRequest request, PrintWriter err) {
    BuildRequest r = request;
    if (payloadFile != null) {
      TextFiles.Decoded payload = TextFiles.readLenient(payloadFile, "payload");
      if (!payload.wasUtf8()) {
        err.println(
            "Warning: the payload file "
                + payloadFile
                + " is not UTF-8 text; its malformed bytes were replaced with U+FFFD, as a v1"
                + " worker's script saw them");
      }
      r = r.withPayload(payload.text());
    }
    if (script != null) {
      r = r.withScript(TextFiles.read(script, "brigade.js"));
    }
    if (config != null) {
      r = r.withConfig(checkedConfig(TextFiles.read(config, "brigade.json")));
    }
    return r;
  }

  /** A brigade.json that is JSON (or empty): the worker reads its dependencies from it. */
  private String checkedConfig(String text) {
    if (!text.isBlank()) {
      try {
        Json.MAPPER.readTree(text);
      } catch (JacksonException e) {
        throw new CliException(
            "--config "
                + config
                + " is not JSON ("
                + e.getOriginalMessage()
                + "): the worker reads the build's dependencies from it; fix the file or leave"
                + " --config out");
      }
    }
    return text;
  }
}
