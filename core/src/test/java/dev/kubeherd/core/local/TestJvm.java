package dev.kubeherd.core.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a second JVM on this test's classpath, for tests that need a real second process. */
final class TestJvm {
  private TestJvm() {}

  static Process start(Path stderr, Class<?> main, String... args) throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this test"));
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "-Xmx64m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            main.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
  }
}
