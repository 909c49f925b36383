package dev.kubeherd.cli.ops;

import dev.kubeherd.cli.UnreadableEntries;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.ProjectStore;
import dev.kubeherd.core.port.UnreadableEntry;
import java.util.ArrayList;
import java.util.List;

/** The project files and build directories of the local store that cannot be read. */
record LocalStoreDamage(List<UnreadableEntry> projects, List<UnreadableEntry> builds) {

  static final String FIX =
      "fix each file by hand, or delete the entry: 'brig project delete ID' for a project,"
          + " 'brig build delete --force ID' for a build";

  static LocalStoreDamage of(ProjectStore projects, BuildStore builds) {
    return new LocalStoreDamage(UnreadableEntries.in(projects), UnreadableEntries.in(builds));
  }

  boolean any() {
    return !projects.isEmpty() || !builds.isEmpty();
  }

  /** Which cannot be read, a few named each, and the fix. */
  String describe() {
    List<String> parts = new ArrayList<>();
    if (!projects.isEmpty()) {
      parts.add(
          projects.size()
              + " project file(s) cannot be read: "
              + UnreadableEntries.named(projects, UnreadableEntry::location));
    }
    if (!builds.isEmpty()) {
      parts.add(
          builds.size()
              + " build(s) cannot be read: "
              + UnreadableEntries.named(builds, UnreadableEntry::location));
    }
    return String.join("; ", parts) + ". To repair: " + FIX;
  }
}
