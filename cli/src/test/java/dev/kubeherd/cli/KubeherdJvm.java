package dev.kubeherd.cli;

import java.util.ArrayList;
import java.util.List;

/** The command line that runs {@code kubeherd ARGS} in a new JVM on this test's classpath. */
final class KubeherdJvm {
  private KubeherdJvm() {}

  static List<String> command(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                KubeherdMain.class.getName()));
    command.addAll(List.of(args));
    return command;
  }
}
