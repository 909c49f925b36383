package dev.kubeherd.toolkit.image;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs one engine client command: {@code BINARY ARGS…} with exactly the given environment (the
 * caller leaves secrets out of it), never through a shell. Output lines are streamed as they come;
 * the last ones are kept for error messages.
 */
final class EngineProcess {
  static final int TAIL_LINES = 30;

  private final Path binary;
  private final Map<String, String> env;

  EngineProcess(Path binary, Map<String, String> env) {
    this.binary = binary;
    this.env = Map.copyOf(env);
  }

  Path binary() {
    return binary;
  }

  /** What a command left: its exit code, its captured stdout (if asked) and its last lines. */
  record Outcome(int exitCode, String stdout, List<String> tail) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  /** Runs and captures stdout; stderr is kept only as the tail. */
  Outcome capture(List<String> args) {
    return exec(args, Optional.empty(), Optional.empty(), null, true);
  }

  /** Runs with stdout and stderr merged, each line to {@code lines}. */
  Outcome stream(List<String> args, Consumer<String> lines) {
    return exec(args, Optional.empty(), Optional.empty(), lines, false);
  }

  /** Runs with standard input read from {@code stdin}; output merged into the tail. */
  Outcome streamFrom(List<String> args, Path stdin) {
    return exec(args, Optional.of(stdin), Optional.empty(), line -> {}, false);
  }

  /** Runs with stdout written to {@code stdout}, each stderr line to {@code lines}. */
  Outcome streamTo(List<String> args, Path stdout, Consumer<String> lines) {
    return exec(args, Optional.empty(), Optional.of(stdout), lines, false);
  }

  private Outcome exec(
      List<String> args,
      Optional<Path> stdin,
      Optional<Path> stdout,
      Consumer<String> lines,
      boolean captureStdout) {
    List<String> command = new ArrayList<>(args.size() + 1);
    command.add(binary.toString());
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    pb.environment().putAll(env);
    stdin.ifPresentOrElse(
        f -> pb.redirectInput(f.toFile()), () -> pb.redirectInput(ProcessBuilder.Redirect.PIPE));
    stdout.ifPresent(f -> pb.redirectOutput(f.toFile()));
    pb.redirectErrorStream(!captureStdout && stdout.isEmpty());
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new ImageBuildException(
          "cannot run " + binary + ": " + e.getMessage() + "; pass --engine docker|podman|PATH", e);
    }
    try {
      process.getOutputStream().close();
      Deque<String> tail = new ArrayDeque<>();
      String captured = "";
      if (captureStdout) {
        Thread errors = Thread.ofVirtual().start(() -> read(process.getErrorStream(), tail, null));
        captured = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        errors.join();
      } else if (stdout.isPresent()) {
        read(process.getErrorStream(), tail, lines);
      } else {
        read(process.getInputStream(), tail, lines);
      }
      int exit = process.waitFor();
      synchronized (tail) {
        return new Outcome(exit, captured, List.copyOf(tail));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + binary + "'s output", e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new ImageBuildException("interrupted while running " + binary + " " + args.getFirst());
    }
  }

  private static void read(InputStream in, Deque<String> tail, Consumer<String> lines) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (lines != null) {
          lines.accept(line);
        }
        synchronized (tail) {
          tail.addLast(line);
          if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
          }
        }
      }
    } catch (IOException e) {
      synchronized (tail) {
        tail.addLast("(reading the output failed: " + e.getMessage() + ")");
      }
    }
  }
}
