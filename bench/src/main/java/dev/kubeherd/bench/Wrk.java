package dev.kubeherd.bench;

import dev.kubeherd.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * Runs wrk with the P4 Lua script and reads the one result line the script prints.
 *
 * @param body the signed request body the script sends
 * @param signature its {@code X-Hub-Signature-256}
 */
record Wrk(int threads, int connections, Path body, String signature) {
  /** wrk against the gateway path of {@code port}; the script's P4RESULT line as JSON. */
  JsonNode run(int port, Path script, int duration, String run)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(
                "wrk",
                "-t" + threads,
                "-c" + connections,
                "-d" + duration + "s",
                "--latency",
                "--timeout",
                "10s",
                "-s",
                script.toString(),
                "http://127.0.0.1:" + port + "/events/github")
            .redirectErrorStream(true);
    builder.environment().put("P4_BODY_FILE", body.toString());
    builder.environment().put("P4_SIGNATURE", signature);
    builder.environment().put("P4_RUN", run);
    Process wrk = builder.start();
    String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!wrk.waitFor(duration + 60L, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
      throw new IllegalStateException("wrk failed:\n" + out);
    }
    for (String line : out.split("\n")) {
      if (line.startsWith("P4RESULT ")) {
        return Json.MAPPER.readTree(line.substring("P4RESULT ".length()));
      }
    }
    throw new IllegalStateException("wrk printed no P4RESULT line:\n" + out);
  }

  /** wrk's version line; fails with the install command when wrk is missing. */
  static String version() {
    try {
      Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return out.lines().findFirst().orElse("?").replaceFirst(" Copyright.*", "");
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("wrk is not installed (apt-get install -y wrk)", e);
    }
  }
}
