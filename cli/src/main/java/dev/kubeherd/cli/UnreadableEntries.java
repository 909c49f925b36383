package dev.kubeherd.cli;

import dev.kubeherd.core.port.DamageScan;
import dev.kubeherd.core.port.UnreadableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The stored entries a backend's stores cannot read, for the commands that report them. */
public final class UnreadableEntries {
  /** How many entries a message names before it says "and N more". */
  public static final int NAMED = 5;

  private UnreadableEntries() {}

  /** The unreadable entries of those of {@code stores} that can tell (the local stores). */
  public static List<UnreadableEntry> in(Object... stores) {
    List<UnreadableEntry> all = new ArrayList<>();
    for (Object store : stores) {
      if (store instanceof DamageScan scan) {
        all.addAll(scan.unreadable());
      }
    }
    return all;
  }

  /** The first {@link #NAMED} entries as {@code what} shows them, then how many more there are. */
  public static String named(List<UnreadableEntry> entries, Function<UnreadableEntry, ?> what) {
    List<String> shown =
        entries.stream().limit(NAMED).map(e -> String.valueOf(what.apply(e))).toList();
    String more = entries.size() > NAMED ? " and " + (entries.size() - NAMED) + " more" : "";
    return String.join(", ", shown) + more;
  }
}
