package dev.kubeherd.toolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A second JVM on this test's classpath running a test {@code main}, for what only a real process
 * shows: being stopped with SIGTERM (a cancelled CI job, a terminated pod).
 */
public final class TestJvm {
  /** The exit status of a JVM ended by SIGTERM (128 + 15). */
  public static final int SIGTERM_EXIT = 143;

  private TestJvm() {}

  /** Starts {@code main} with {@code args}; its standard output and error go to {@code log}. */
  public static Process start(Path log, Class<?> main, String... args) throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this test"));
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Xmx128m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                main.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** Waits (up to a minute) until {@code file} exists; fails early when {@code jvm} ends. */
  public static void awaitFile(Process jvm, Path file, Path log) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
    while (!Files.exists(file) && jvm.isAlive() && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    assertThat(file).as("%s; the child JVM printed:%n%s", file, Files.readString(log)).exists();
  }

  /** The process {@code pid} has ended, or ends within a few seconds. */
  public static void assertEnded(long pid) {
    ProcessHandle.of(pid)
        .ifPresent(
            p ->
                assertThat(p.onExit())
                    .as("process %d", pid)
                    .succeedsWithin(Duration.ofSeconds(10)));
  }
}
