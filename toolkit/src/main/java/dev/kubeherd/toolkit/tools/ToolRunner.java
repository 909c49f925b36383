package dev.kubeherd.toolkit.tools;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs helmfile, sops, helm and kubectl as processes with exactly the given arguments, environment
 * (the base environment plus the invocation's variables, nothing inherited implicitly) and working
 * directory. Output lines are streamed as {@code [tool] line}; the last lines are kept for the
 * error when the tool fails. {@link #capture} keeps standard output out of the stream (decrypted
 * secrets). A tool that cannot be found fails before anything runs, naming it and how to install
 * it. A tool that runs (or keeps its output open) longer than the timeout is stopped with its child
 * processes and fails, naming the timeout and how to raise it; so is every running tool when
 * kubeherd itself is stopped ({@link ShutdownCleanup}).
 */
public final class ToolRunner {
  static final int TAIL_LINES = 30;

  /** The default of {@code --tool-timeout}. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

  private final Map<String, String> baseEnv;
  private final Function<ExternalTool, String> executables;
  private final Consumer<String> output;
  private final Duration timeout;

  /** A runner with the {@linkplain #DEFAULT_TIMEOUT default timeout}. */
  public ToolRunner(
      Map<String, String> baseEnv,
      Function<ExternalTool, String> executables,
      Consumer<String> output) {
    this(baseEnv, executables, output, DEFAULT_TIMEOUT);
  }

  /**
   * @param baseEnv the environment every tool gets (PATH, HOME, AWS credentials, KUBECONFIG…)
   * @param executables the executable per tool (a name looked up on PATH, or a path)
   * @param output receives each line the tools print, prefixed, and one line per command started
   * @param timeout how long one tool run may take ({@code --tool-timeout})
   */
  public ToolRunner(
      Map<String, String> baseEnv,
      Function<ExternalTool, String> executables,
      Consumer<String> output,
      Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the tool timeout must be positive, not " + timeout);
    }
    this.baseEnv = Map.copyOf(baseEnv);
    this.executables = executables;
    this.output = output;
    this.timeout = timeout;
  }

  /**
   * Runs to the end, streaming standard output and error.
   *
   * @throws ToolNotInstalledException when the executable cannot be found
   * @throws ToolFailedException when it exits non-zero, with its last output lines
   * @throws ToolTimedOutException when it takes longer than the timeout (it is stopped)
   */
  public void run(ToolInvocation invocation) throws InterruptedException {
    Process process = start(invocation, true);
    ShutdownCleanup.Registration onStop = stopOnShutdown(process, invocation);
    try {
      Deque<String> tail = new ArrayDeque<>();
      Thread lines =
          Thread.ofVirtual().start(() -> pump(process.getInputStream(), invocation.tool(), tail));
      finish(process, invocation, tail, lines);
    } finally {
      onStop.close();
    }
  }

  /**
   * Runs to the end and returns its standard output, which is never streamed or logged; standard
   * error is streamed as usual.
   *
   * @throws ToolNotInstalledException when the executable cannot be found
   * @throws ToolFailedException when it exits non-zero, with its last error lines
   * @throws ToolTimedOutException when it takes longer than the timeout (it is stopped)
   */
  public byte[] capture(ToolInvocation invocation) throws InterruptedException {
    Process process = start(invocation, false);
    ShutdownCleanup.Registration onStop = stopOnShutdown(process, invocation);
    try {
      Deque<String> tail = new ArrayDeque<>();
      Thread errors =
          Thread.ofVirtual().start(() -> pump(process.getErrorStream(), invocation.tool(), tail));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Thread stdout = Thread.ofVirtual().start(() -> copy(process.getInputStream(), out));
      finish(process, invocation, tail, errors, stdout);
      return out.toByteArray();
    } finally {
      onStop.close();
    }
  }

  /** Stops the tool with its child processes if kubeherd is stopped while it runs. */
  private static ShutdownCleanup.Registration stopOnShutdown(
      Process process, ToolInvocation invocation) {
    return ShutdownCleanup.register(
        describe(invocation), () -> ProcessTree.destroy(process.toHandle()));
  }

  /**
   * Checks that {@code tool} can be found (its configured path, else on PATH) without running it,
   * so a command can fail before it reads or changes anything.
   *
   * @throws ToolNotInstalledException naming the tool and how to install it
   */
  public void requireInstalled(ExternalTool tool) {
    locate(tool, executables.apply(tool), baseEnv);
  }

  private Process start(ToolInvocation invocation, boolean mergeErrors) {
    Map<String, String> env = new HashMap<>(baseEnv);
    env.putAll(invocation.env());
    String executable = executables.apply(invocation.tool());
    Path resolved = locate(invocation.tool(), executable, env);
    List<String> command = new ArrayList<>();
    command.add(resolved.toString());
    command.addAll(invocation.args());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(invocation.cwd().toFile())
            .redirectErrorStream(mergeErrors)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().clear();
    builder.environment().putAll(env);
    output.accept(
        "$ "
            + invocation.tool().command()
            + " "
            + String.join(" ", invocation.args())
            + " (in "
            + invocation.cwd()
            + (invocation.env().isEmpty()
                ? ""
                : "; with " + String.join(", ", new TreeSet<>(invocation.env().keySet())))
            + ")");
    try {
      return builder.start();
    } catch (IOException e) {
      throw new ToolNotInstalledException(
          invocation.tool(), resolved.toString(), "could not be started (" + e.getMessage() + ")");
    }
  }

  private static Path locate(ExternalTool tool, String executable, Map<String, String> env) {
    if (executable.contains("/")) {
      Path path = Path.of(executable);
      if (Files.isRegularFile(path) && Files.isExecutable(path)) {
        return path;
      }
      throw new ToolNotInstalledException(tool, executable, "is not an executable file");
    }
    return onPath(executable, env.getOrDefault("PATH", ""))
        .orElseThrow(
            () -> new ToolNotInstalledException(tool, executable, "was not found on PATH"));
  }

  private static Optional<Path> onPath(String name, String path) {
    for (String dir : path.split(":")) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private void pump(InputStream stream, ExternalTool tool, Deque<String> tail) {
    String prefix = "[" + tool.command() + "] ";
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        output.accept(prefix + line);
        synchronized (tail) {
          tail.addLast(line);
          if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
          }
        }
      }
    } catch (IOException e) {
      synchronized (tail) {
        tail.addLast("(reading its output failed: " + e.getMessage() + ")");
      }
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try (in) {
      in.transferTo(out);
    } catch (IOException e) {
      // the tool ended or was stopped; what it printed so far is all there is
    }
  }

  /**
   * Waits for the process and its output readers, all within the timeout; stops the process tree
   * when that passes or the caller is interrupted.
   */
  private void finish(
      Process process, ToolInvocation invocation, Deque<String> tail, Thread... readers)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean done;
    try {
      done = process.waitFor(left(deadline), TimeUnit.NANOSECONDS);
      for (Thread reader : readers) {
        done = done && reader.join(Duration.ofNanos(Math.max(1, left(deadline))));
      }
    } catch (InterruptedException e) {
      ProcessTree.destroy(process.toHandle());
      throw e;
    }
    if (!done) {
      ProcessTree.destroy(process.toHandle());
      throw new ToolTimedOutException(invocation.tool(), describe(invocation), timeout, tail(tail));
    }
    int exit = process.exitValue();
    if (exit != 0) {
      throw new ToolFailedException(invocation.tool(), describe(invocation), exit, tail(tail));
    }
  }

  private static long left(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  private static String describe(ToolInvocation invocation) {
    return String.join(" ", invocation.tool().command(), String.join(" ", invocation.args()))
            .strip()
        + " (in "
        + invocation.cwd()
        + ")";
  }

  private static List<String> tail(Deque<String> tail) {
    synchronized (tail) {
      return List.copyOf(tail);
    }
  }
}
