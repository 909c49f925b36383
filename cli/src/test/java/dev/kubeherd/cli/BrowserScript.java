package dev.kubeherd.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A node script of {@code src/test/browser} (installed by the build into {@code target/browser}
 * with playwright-core) driving Debian's headless Chromium: started with its environment, read line
 * by line, answered on its standard input. When the packages or Chromium are missing, {@link
 * #start} fails saying how to install them; nothing is skipped.
 */
final class BrowserScript implements AutoCloseable {
  static final String DIR_PROPERTY = "kubeherd.browser.dir";
  static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");

  private final Process process;
  private final PrintWriter stdin;
  private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> output = new ArrayList<>();
  private static final String EOF = "\u0000eof";

  private BrowserScript(Process process) {
    this.process = process;
    this.stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("(reading the script's output failed: " + e + ")");
              }
              lines.add(EOF);
            });
  }

  /** Starts {@code node <script>} in the install folder with {@code env} added. */
  static BrowserScript start(String script, Map<String, String> env) throws IOException {
    Path dir = Path.of(System.getProperty(DIR_PROPERTY, "target/browser")).toAbsolutePath();
    Path failed = dir.resolve("INSTALL-FAILED.txt");
    if (Files.isRegularFile(failed)) {
      throw new AssertionError(
          "The browser test packages are not installed in "
              + dir
              + ":\n"
              + Files.readString(failed));
    }
    if (!Files.isDirectory(dir.resolve("node_modules/playwright-core"))) {
      throw new AssertionError(
          "playwright-core is not installed in "
              + dir
              + ". The cli build installs it with npm at"
              + " generate-test-resources: run bin/build verify -pl cli -am (needs Node.js 20+ and"
              + " npm; Debian: apt-get install -y nodejs npm), or set -D"
              + DIR_PROPERTY
              + " to a folder where `npm ci` ran on cli/src/test/browser.");
    }
    if (!Files.isExecutable(Path.of(CHROMIUM))) {
      throw new AssertionError(
          "Chromium is not installed at "
              + CHROMIUM
              + ": apt-get install -y chromium (bin/test"
              + " installs it when run as root), or set CHROMIUM to its path.");
    }
    ProcessBuilder builder =
        new ProcessBuilder("node", dir.resolve(script).toString())
            .directory(dir.toFile())
            .redirectErrorStream(true);
    builder.environment().putAll(env);
    builder.environment().put("CHROMIUM", CHROMIUM);
    return new BrowserScript(builder.start());
  }

  /** Waits for a line equal to {@code expected}; every line read is kept for {@link #output}. */
  void await(String expected, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null || line.equals(EOF)) {
        throw new AssertionError(
            (line == null ? "timed out" : "the script ended")
                + " waiting for "
                + expected
                + "; its output:\n"
                + output());
      }
      output.add(line);
      if (line.equals(expected)) {
        return;
      }
    }
  }

  void send(String line) {
    stdin.println(line);
  }

  /** Waits for the script to end and returns its exit code; the rest of its output is kept. */
  int exitCode(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the browser script did not end in " + timeout + ":\n" + output());
    }
    String line;
    while ((line = lines.poll(5, TimeUnit.SECONDS)) != null && !line.equals(EOF)) {
      output.add(line);
    }
    return process.exitValue();
  }

  String output() {
    return String.join("\n", output);
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
