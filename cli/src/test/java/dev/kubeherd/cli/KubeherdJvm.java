package dev.kubeherd.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The command line that runs {@code kubeherd ARGS} in a new JVM on this test's classpath. */
final class KubeherdJvm {
  private static final Pattern LISTENING = Pattern.compile("Gateway listening on ([^ ]+):(\\d+)");

  private KubeherdJvm() {}

  /**
   * The port a {@code kubeherd gateway} process printed on its standard output when it started
   * listening; fails with its standard error ({@code log}) when it exited before.
   */
  static int gatewayPort(Process gateway, Path log) throws IOException {
    return gatewayListening(gateway, log).port();
  }

  /** Where a gateway process says it listens. */
  record Listening(String address, int port) {}

  static Listening gatewayListening(Process gateway, Path log) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        return new Listening(m.group(1), Integer.parseInt(m.group(2)));
      }
    }
    throw new AssertionError(
        "the gateway exited before listening; its log: " + Files.readString(log));
  }

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
