package dev.kubeherd.toolkit.ami;

import dev.kubeherd.toolkit.config.DurationSyntax;
import dev.kubeherd.toolkit.tools.ProcessTree;
import dev.kubeherd.toolkit.tools.ShutdownCleanup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.function.Consumer;

/**
 * Runs {@code packer build -color=false [-var-file=F] -var k=v … TEMPLATE} in the template's
 * directory, streaming every output line as it comes. Variables given here come after the var file,
 * so they win over it.
 *
 * <p>A build that runs past its timeout, or kubeherd being stopped (SIGTERM, Ctrl-C) while it runs,
 * stops packer the way packer expects: SIGTERM, on which it cancels the build and deletes its
 * temporary instance, key pair and security group; only a packer still running {@link
 * #CLEANUP_GRACE} later is killed, with what it started.
 */
public final class PackerRun {
  static final int TAIL_LINES = 30;

  /** How long packer may run by default; an AMI build with copies takes well under an hour. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(2);

  /** How long a stopped packer gets to delete what it made in AWS before it is killed. */
  static final Duration CLEANUP_GRACE = Duration.ofMinutes(5);

  private final String packer;
  private final Consumer<String> output;
  private final Duration timeout;
  private final Duration cleanupGrace;

  /**
   * @param packer the packer executable (a name on PATH or a path)
   * @param output receives each line packer prints (stdout and stderr merged)
   */
  public PackerRun(String packer, Consumer<String> output) {
    this(packer, output, DEFAULT_TIMEOUT);
  }

  /**
   * @param timeout how long the build may run before it is stopped ({@code --packer-timeout})
   */
  public PackerRun(String packer, Consumer<String> output, Duration timeout) {
    this(packer, output, timeout, CLEANUP_GRACE);
  }

  PackerRun(String packer, Consumer<String> output, Duration timeout, Duration cleanupGrace) {
    this.packer = packer;
    this.output = output;
    this.timeout = timeout;
    this.cleanupGrace = cleanupGrace;
  }

  /** The command line for one build. */
  public List<String> command(Path template, Optional<Path> varFile, Map<String, String> vars) {
    List<String> command = new ArrayList<>(List.of(packer, "build", "-color=false"));
    varFile.ifPresent(f -> command.add("-var-file=" + f.toAbsolutePath()));
    vars.forEach(
        (k, v) -> {
          command.add("-var");
          command.add(k + "=" + v);
        });
    command.add(template.toAbsolutePath().toString());
    return command;
  }

  /**
   * Builds and waits.
   *
   * @throws PackerFailedException when packer cannot be started or exits non-zero
   */
  public void build(Path template, Optional<Path> varFile, Map<String, String> vars)
      throws InterruptedException {
    List<String> command = command(template, varFile, vars);
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(template.toAbsolutePath().getParent().toFile())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw new PackerFailedException(
          "could not run packer ("
              + packer
              + "): "
              + e.getMessage()
              + "; install packer or pass --packer PATH",
          List.of());
    }
    Deque<String> tail = new ArrayDeque<>();
    Thread reader =
        Thread.ofPlatform()
            .daemon()
            .name("kubeherd-packer-output")
            .start(() -> stream(process, tail));
    try (ShutdownCleanup.Registration stopOnShutdown =
        ShutdownCleanup.register("packer build (" + template + ")", () -> stop(process))) {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        stop(process);
        reader.join(Duration.ofSeconds(5));
        throw new PackerFailedException(
            "packer build did not finish within "
                + DurationSyntax.format(timeout)
                + " and was stopped (packer deletes its temporary instance when stopped); raise"
                + " --packer-timeout if the build needs longer",
            tail(tail));
      }
      reader.join(Duration.ofSeconds(5)); // the last lines after packer exited
      int exit = process.exitValue();
      if (exit != 0) {
        throw new PackerFailedException("packer build failed with exit code " + exit, tail(tail));
      }
    } catch (InterruptedException e) {
      stop(process);
      throw e;
    }
  }

  /**
   * SIGTERM, as packer's own Ctrl-C handling expects: it cancels and cleans up in AWS. Only a
   * packer still running after the grace period is killed, with its plugins.
   */
  private void stop(Process process) {
    process.toHandle().destroy(); // not Process.destroy(): that also closes packer's output
    try {
      if (process.waitFor(cleanupGrace.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ProcessTree.destroy(process.toHandle());
    try {
      process.waitFor(10, TimeUnit.SECONDS); // the kill lands: nothing of packer outlives the run
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<String> tail(Deque<String> tail) {
    synchronized (tail) {
      return List.copyOf(tail);
    }
  }

  private void stream(Process process, Deque<String> tail) {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        output.accept(line);
        synchronized (tail) {
          tail.addLast(line);
          if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
          }
        }
      }
    } catch (IOException e) {
      synchronized (tail) {
        tail.addLast("(reading packer's output failed: " + e.getMessage() + ")");
      }
    }
  }
}
