package dev.kubeherd.worker.source;

import java.io.IOException;
import java.nio.file.Path;

/** Runs the git command line where JGit has no equivalent (update-server-info). */
final class GitCommands {
  private GitCommands() {}

  /** Runs {@code command} in {@code cwd}; its output (stdout and stderr). */
  static String run(Path cwd, String... command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed in " + cwd + ": " + output);
    }
    return output.trim();
  }
}
