package dev.kubeherd.core.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pid namespace a process lives in: the inode of {@code /proc/self/ns/pid} (the link reads
 * {@code pid:[4026531836]}). Pids, and so claimant names, can be compared only within one
 * namespace: a process in a container may be pid 1 there and some other pid, or none, here. Linux
 * only: empty where {@code /proc} cannot be read.
 */
public final class PidNamespace {
  private static final Path SELF = Path.of("/proc/self/ns/pid");
  private static final Pattern LINK = Pattern.compile("pid:\\[([0-9]{1,18})]");

  private PidNamespace() {}

  /** The pid namespace of this process; empty when {@code /proc/self/ns/pid} cannot be read. */
  public static OptionalLong ofThisProcess() {
    try {
      return parse(Files.readSymbolicLink(SELF).toString());
    } catch (IOException | UnsupportedOperationException e) {
      return OptionalLong.empty();
    }
  }

  /** The inode in a {@code pid:[<inode>]} link target; empty for any other text. */
  static OptionalLong parse(String link) {
    Matcher m = LINK.matcher(link);
    return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }
}
