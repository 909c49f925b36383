package dev.kubeherd.core.local.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The processes that carry a mark in their environment, read from {@code /proc} (Linux; none
 * elsewhere, and none of another user's that this process may not read). A process keeps the
 * environment it started with, so a mark set for a job's first process is on every process the job
 * started, unless one cleared its environment.
 */
final class MarkedProcesses {
  private static final Path PROC = Path.of("/proc");

  private MarkedProcesses() {}

  /**
   * The processes whose environment holds {@code entry} ({@code NAME=value}) exactly, this process
   * aside.
   */
  static List<ProcessHandle> of(String entry) {
    long self = ProcessHandle.current().pid();
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != self && hasEntry(p.pid(), entry))
        .toList();
  }

  private static boolean hasEntry(long pid, String entry) {
    try {
      byte[] environ = Files.readAllBytes(PROC.resolve(pid + "/environ"));
      for (String variable : new String(environ, StandardCharsets.ISO_8859_1).split("\0")) {
        if (variable.equals(entry)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false; // gone meanwhile, or not ours to read
    }
  }
}
