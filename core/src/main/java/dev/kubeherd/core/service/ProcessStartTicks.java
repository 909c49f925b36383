package dev.kubeherd.core.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * When a process started, in clock ticks since boot: field 22 of {@code /proc/<pid>/stat}. It stays
 * the same for the whole life of the process and, unlike the JDK's start instant (derived from a
 * boot time read once), does not move when the wall clock is stepped, so pid and start ticks
 * together name one process even after its pid is reused. Linux only: empty where {@code /proc}
 * cannot be read.
 */
public final class ProcessStartTicks {
  private static final Path PROC = Path.of("/proc");
  private static final int FIELDS_AFTER_NAME_TO_START = 20; // fields 3..22

  private ProcessStartTicks() {}

  /**
   * The start ticks of process {@code pid}; empty when it is gone or {@code /proc} is unreadable.
   */
  public static OptionalLong of(long pid) {
    try {
      byte[] stat = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("stat"));
      return parse(new String(stat, StandardCharsets.ISO_8859_1)); // the name is any bytes
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  /** The start ticks of this process. */
  public static OptionalLong ofThisProcess() {
    return of(ProcessHandle.current().pid());
  }

  /**
   * Field 22 of a {@code /proc/<pid>/stat} line. Field 2, the command name in parentheses, may hold
   * spaces and {@code )}, so fields are counted from after the last {@code )}.
   */
  static OptionalLong parse(String stat) {
    int nameEnd = stat.lastIndexOf(')');
    if (nameEnd < 0) {
      return OptionalLong.empty();
    }
    String[] fields = stat.substring(nameEnd + 1).trim().split(" +");
    if (fields.length < FIELDS_AFTER_NAME_TO_START) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(fields[FIELDS_AFTER_NAME_TO_START - 1]));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
