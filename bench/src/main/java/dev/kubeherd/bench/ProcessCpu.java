package dev.kubeherd.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** CPU time of another process, from Linux's {@code /proc/<pid>/stat}. */
final class ProcessCpu {
  /** USER_HZ: the unit of the stat file's times on every Linux this runs on. */
  private static final long TICKS_PER_SECOND = 100;

  private ProcessCpu() {}

  /** User plus system CPU time of {@code pid} in nanoseconds, or -1 when it cannot be read. */
  static long nanos(long pid) {
    try {
      long[] ticks = ticks(Path.of("/proc", Long.toString(pid), "stat"));
      return (ticks[0] + ticks[1]) * NANOS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static final long NANOS_PER_TICK = 1_000_000_000L / TICKS_PER_SECOND;

  /**
   * User and system CPU nanoseconds of {@code pid}'s threads, summed per thread name with digits
   * replaced by {@code N} (so the pool {@code vert.x-worker-thread-N} is one entry); empty when
   * /proc cannot tell. Threads that ended are not counted.
   */
  static Map<String, long[]> byThread(long pid) {
    Map<String, long[]> threads = new TreeMap<>();
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc", pid + "", "task"))) {
      for (Path task : tasks) {
        try {
          String name = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+", "N");
          long[] ticks = ticks(task.resolve("stat"));
          long[] sum = threads.computeIfAbsent(name, n -> new long[2]);
          sum[0] += ticks[0] * NANOS_PER_TICK;
          sum[1] += ticks[1] * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
          // the thread ended while we looked
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return threads;
  }

  /** {@code after - before} per thread name. */
  static Map<String, long[]> delta(Map<String, long[]> before, Map<String, long[]> after) {
    Map<String, long[]> delta = new TreeMap<>();
    after.forEach(
        (name, a) -> {
          long[] b = before.getOrDefault(name, new long[2]);
          delta.put(name, new long[] {a[0] - b[0], a[1] - b[1]});
        });
    return delta;
  }

  /**
   * The whole machine's busy and total CPU ticks since boot, all CPUs summed (from the {@code cpu}
   * line of {@code /proc/stat}; idle and iowait count as not busy), or null when it cannot be read.
   */
  static long[] machineTicks() {
    try {
      String line = Files.readAllLines(Path.of("/proc/stat")).getFirst();
      String[] fields = line.trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < Math.min(fields.length, 9); i++) { // user … steal
        total += Long.parseLong(fields[i]);
      }
      long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Share of the machine's CPU time that was busy between two {@link #machineTicks} readings. */
  static double busyShare(long[] before, long[] after) {
    if (before == null || after == null || after[1] <= before[1]) {
      return Double.NaN;
    }
    return (double) (after[0] - before[0]) / (after[1] - before[1]);
  }

  /** utime and stime ticks of a stat file. */
  private static long[] ticks(Path statFile) throws IOException {
    String stat = Files.readString(statFile);
    // fields after the command name, which is in parentheses and may contain spaces
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
  }
}
