package dev.kubeherd.toolkit.image;

import dev.kubeherd.toolkit.config.DurationSyntax;
import dev.kubeherd.toolkit.config.ToolkitSetting;
import dev.kubeherd.toolkit.tools.ProcessTree;
import dev.kubeherd.toolkit.tools.ShutdownCleanup;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs one engine client command: {@code BINARY ARGS…} with exactly the given environment (the
 * caller leaves secrets out of it), never through a shell. Output lines are streamed as they come;
 * the last ones are kept for error messages. A command that takes longer than the engine timeout (a
 * hung pull or push, a build step that never ends) is stopped with its child processes and fails,
 * naming the timeout and how to raise it.
 */
final class EngineProcess {
  static final int TAIL_LINES = 30;

  private final Path binary;
  private final Map<String, String> env;
  private final Duration timeout;

  EngineProcess(Path binary, Map<String, String> env, Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the engine timeout must be positive, not " + timeout);
    }
    this.binary = binary;
    this.env = Map.copyOf(env);
    this.timeout = timeout;
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

  /**
   * Runs with stdout read by {@code reader} as it comes (what it leaves is drained); stderr is kept
   * as the tail.
   *
   * @throws ImageBuildException when {@code reader} fails while the command succeeds (a failed
   *     command's outcome is returned: its own error says more than a cut-off stream)
   */
  Outcome read(List<String> args, Containers.StreamReader reader) {
    AtomicReference<Exception> failed = new AtomicReference<>();
    Outcome out =
        exec(
            args,
            Optional.empty(),
            Optional.empty(),
            null,
            false,
            stdout -> readAll(stdout, reader, failed));
    if (out.ok() && failed.get() != null) {
      throw new ImageBuildException(
          "reading the output of "
              + binary.getFileName()
              + " "
              + args.getFirst()
              + " failed: "
              + failed.get().getMessage(),
          failed.get());
    }
    return out;
  }

  private Outcome exec(
      List<String> args,
      Optional<Path> stdin,
      Optional<Path> stdout,
      Consumer<String> lines,
      boolean captureStdout) {
    return exec(args, stdin, stdout, lines, captureStdout, null);
  }

  private Outcome exec(
      List<String> args,
      Optional<Path> stdin,
      Optional<Path> stdout,
      Consumer<String> lines,
      boolean captureStdout,
      Consumer<InputStream> stdoutReader) {
    List<String> command = new ArrayList<>(args.size() + 1);
    command.add(binary.toString());
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    pb.environment().putAll(env);
    stdin.ifPresentOrElse(
        f -> pb.redirectInput(f.toFile()), () -> pb.redirectInput(ProcessBuilder.Redirect.PIPE));
    stdout.ifPresent(f -> pb.redirectOutput(f.toFile()));
    pb.redirectErrorStream(!captureStdout && stdout.isEmpty() && stdoutReader == null);
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new ImageBuildException(
          "cannot run " + binary + ": " + e.getMessage() + "; pass --engine docker|podman|PATH", e);
    }
    Duration limit = ShutdownCleanup.commandTimeout(timeout);
    ShutdownCleanup.Registration onStop =
        ShutdownCleanup.register(
            binary.getFileName() + " " + String.join(" ", args),
            () -> ProcessTree.destroy(process.toHandle()));
    try {
      process.getOutputStream().close();
      Deque<String> tail = new ArrayDeque<>();
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      List<Thread> readers = new ArrayList<>();
      if (captureStdout) {
        readers.add(Thread.ofVirtual().start(() -> read(process.getErrorStream(), tail, null)));
        readers.add(Thread.ofVirtual().start(() -> copy(process.getInputStream(), captured)));
      } else if (stdoutReader != null) {
        readers.add(Thread.ofVirtual().start(() -> read(process.getErrorStream(), tail, null)));
        readers.add(Thread.ofVirtual().start(() -> stdoutReader.accept(process.getInputStream())));
      } else {
        InputStream lineStream =
            stdout.isPresent() ? process.getErrorStream() : process.getInputStream();
        readers.add(Thread.ofVirtual().start(() -> read(lineStream, tail, lines)));
      }
      if (!finished(process, readers, limit)) {
        ProcessTree.destroy(process.toHandle());
        throw timedOut(args, tail, limit);
      }
      synchronized (tail) {
        return new Outcome(
            process.exitValue(), captured.toString(StandardCharsets.UTF_8), List.copyOf(tail));
      }
    } catch (IOException e) {
      ProcessTree.destroy(process.toHandle());
      throw new UncheckedIOException("writing to " + binary, e);
    } catch (InterruptedException e) {
      ProcessTree.destroy(process.toHandle());
      Thread.currentThread().interrupt();
      throw new ImageBuildException("interrupted while running " + binary + " " + args.getFirst());
    } finally {
      onStop.close();
    }
  }

  /** Whether the process ended and its output was read, all within the timeout. */
  private static boolean finished(Process process, List<Thread> readers, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
      return false;
    }
    for (Thread reader : readers) {
      if (!reader.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
        return false;
      }
    }
    return true;
  }

  private ImageBuildException timedOut(List<String> args, Deque<String> tail, Duration limit) {
    List<String> lines;
    synchronized (tail) {
      lines = List.copyOf(tail);
    }
    return new ImageBuildException(
        binary.getFileName()
            + " "
            + String.join(" ", args)
            + " did not finish within "
            + DurationSyntax.format(limit)
            + " and was stopped"
            + (limit.equals(timeout) ? "; if it needs longer, raise " + setting() : "")
            + (lines.isEmpty() ? "" : ". Its last lines:\n" + String.join("\n", lines)));
  }

  private static String setting() {
    return "--"
        + ToolkitSetting.ENGINE_TIMEOUT.flag()
        + " ("
        + ToolkitSetting.ENGINE_TIMEOUT.env()
        + ", "
        + ToolkitSetting.ENGINE_TIMEOUT.yamlKey()
        + ": in kubeherd.yaml)";
  }

  /** {@code reader} reads {@code in}; the rest is drained so the client can end. */
  private static void readAll(
      InputStream in, Containers.StreamReader reader, AtomicReference<Exception> failed) {
    try (in) {
      try {
        reader.read(in);
      } catch (IOException | RuntimeException e) {
        failed.set(e);
      }
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // the client ended or was stopped; its exit code tells
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try (in) {
      in.transferTo(out);
    } catch (IOException e) {
      // the client ended or was stopped; what it printed so far is all there is
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
