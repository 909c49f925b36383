package dev.kubeherd.toolkit.ami;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
 * Runs {@code packer build -color=false [-var-file=F] -var k=v … TEMPLATE} in the template's
 * directory, streaming every output line as it comes. Variables given here come after the var file,
 * so they win over it.
 */
public final class PackerRun {
  static final int TAIL_LINES = 30;
  private final String packer;
  private final Consumer<String> output;

  /**
   * @param packer the packer executable (a name on PATH or a path)
   * @param output receives each line packer prints (stdout and stderr merged)
   */
  public PackerRun(String packer, Consumer<String> output) {
    this.packer = packer;
    this.output = output;
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
    try {
      stream(process, tail);
      int exit = process.waitFor();
      if (exit != 0) {
        throw new PackerFailedException(
            "packer build failed with exit code " + exit, List.copyOf(tail));
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  private void stream(Process process, Deque<String> tail) {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        output.accept(line);
        tail.addLast(line);
        if (tail.size() > TAIL_LINES) {
          tail.removeFirst();
        }
      }
    } catch (IOException e) {
      tail.addLast("(reading packer's output failed: " + e.getMessage() + ")");
    }
  }
}
