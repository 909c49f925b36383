package dev.kubeherd.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of another process, from Linux's {@code /proc/<pid>/stat}. */
final class ProcessCpu {
  /** USER_HZ: the unit of the stat file's times on every Linux this runs on. */
  private static final long TICKS_PER_SECOND = 100;

  private ProcessCpu() {}

  /** User plus system CPU time of {@code pid} in nanoseconds, or -1 when it cannot be read. */
  static long nanos(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // fields after the command name, which is in parentheses and may contain spaces
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
      return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
