package dev.kubeherd.gateway.github;

import dev.kubeherd.core.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * The npm packages the build installs for the gateway's tests (see {@code src/test/npm}): GitHub's
 * example webhook payloads from {@code @octokit/webhooks-examples} and octokit's own signing code
 * from {@code @octokit/webhooks-methods}, run with {@code node}. When they are not installed every
 * method fails with the reason and how to install them; nothing is skipped.
 */
final class OctokitPackages {
  static final String DIR_PROPERTY = "kubeherd.npm.dir";
  private static final String EXAMPLES = "node_modules/@octokit/webhooks-examples";

  private final Path dir;

  private OctokitPackages(Path dir) {
    this.dir = dir;
  }

  /** The install the build made ({@code -Dkubeherd.npm.dir}, else {@code target/npm}). */
  static OctokitPackages installed() {
    Path dir = Path.of(System.getProperty(DIR_PROPERTY, "target/npm")).toAbsolutePath();
    Path failed = dir.resolve("INSTALL-FAILED.txt");
    if (Files.isRegularFile(failed)) {
      throw new AssertionError(
          "The npm test fixtures are not installed in " + dir + ":\n" + read(failed));
    }
    if (!Files.isDirectory(dir.resolve(EXAMPLES))) {
      throw new AssertionError(
          "@octokit/webhooks-examples is not installed in "
              + dir
              + ". The gateway build installs it with npm at generate-test-resources: run"
              + " bin/build verify -pl gateway -am (needs Node.js 20+ and npm; Debian: apt-get"
              + " install -y nodejs npm), or set -D"
              + DIR_PROPERTY
              + " to a folder where `npm ci` ran on gateway/src/test/npm.");
    }
    return new OctokitPackages(dir);
  }

  /** One example payload: which index it comes from, its event type and its JSON. */
  record Example(String source, String event, int index, JsonNode payload) {
    @Override
    public String toString() {
      return source + " " + event + " #" + index;
    }
  }

  /**
   * Every example of every event type, from every {@code index.json} of the package (github.com and
   * each GitHub Enterprise Server version), in file order.
   */
  List<Example> examples() {
    List<Example> all = new ArrayList<>();
    for (Path index : indexFiles()) {
      String source = index.getParent().getFileName().toString();
      JsonNode events = Json.MAPPER.readTree(index.toFile());
      for (JsonNode event : events) {
        String name = event.path("name").asString();
        int i = 0;
        for (JsonNode example : event.path("examples")) {
          all.add(new Example(source, name, i++, example));
        }
      }
    }
    return all;
  }

  /** The package's version, for messages. */
  String examplesVersion() {
    return Json.MAPPER
        .readTree(dir.resolve(EXAMPLES).resolve("package.json").toFile())
        .path("version")
        .asString();
  }

  /** {@code sha256=<hex>} of {@code body} by octokit's {@code sign}. */
  String octokitSign(byte[] body, String secret) {
    return node("sign", body, Map.of("WEBHOOK_SECRET", secret));
  }

  /** Whether octokit's {@code verify} accepts {@code signature} for {@code body}. */
  boolean octokitVerify(byte[] body, String secret, String signature) {
    String out =
        node("verify", body, Map.of("WEBHOOK_SECRET", secret, "WEBHOOK_SIGNATURE", signature));
    return switch (out) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new AssertionError("signature.mjs verify printed " + out);
    };
  }

  private List<Path> indexFiles() {
    try (Stream<Path> dirs = Files.list(dir.resolve(EXAMPLES))) {
      return dirs.map(d -> d.resolve("index.json")).filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new AssertionError("Cannot list " + dir.resolve(EXAMPLES) + ": " + e, e);
    }
  }

  /** Runs {@code node signature.mjs mode} with secrets in the environment, never in argv. */
  private String node(String mode, byte[] stdin, Map<String, String> env) {
    ProcessBuilder builder =
        new ProcessBuilder("node", dir.resolve("signature.mjs").toString(), mode)
            .directory(dir.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      try (OutputStream in = process.getOutputStream()) {
        in.write(stdin);
      }
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new AssertionError("node signature.mjs " + mode + " failed: " + out);
      }
      return out.strip();
    } catch (IOException e) {
      throw new AssertionError(
          "Cannot run node ("
              + e.getMessage()
              + "): install Node.js 20+ (Debian: apt-get install -y nodejs npm)",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while node ran", e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(" + file + " unreadable: " + e + ")";
    }
  }
}
