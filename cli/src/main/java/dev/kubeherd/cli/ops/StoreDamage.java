package dev.kubeherd.cli.ops;

import dev.kubeherd.cli.UnreadableEntries;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.ProjectStore;
import dev.kubeherd.core.port.UnreadableEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * The projects and builds of a store that cannot be read: files and build directories in local
 * mode, Secrets in Kubernetes mode ({@code entry} names which).
 */
record StoreDamage(String entry, List<UnreadableEntry> projects, List<UnreadableEntry> builds) {

  static final String DELETE =
      "'brig project delete ID' for a project, 'brig build delete --force ID' for a build";

  static StoreDamage local(ProjectStore projects, BuildStore builds) {
    return new StoreDamage(FILE, UnreadableEntries.in(projects), UnreadableEntries.in(builds));
  }

  static StoreDamage cluster(ProjectStore projects, BuildStore builds) {
    return new StoreDamage(SECRET, UnreadableEntries.in(projects), UnreadableEntries.in(builds));
  }

  boolean any() {
    return !projects.isEmpty() || !builds.isEmpty();
  }

  static final String FILE = "file";
  static final String SECRET = "Secret";

  /** How to repair it. */
  String fix() {
    return fix(entry);
  }

  /** How to repair an unreadable {@link #FILE} or {@link #SECRET}. */
  static String fix(String entry) {
    return "fix each "
        + entry
        + " by hand"
        + (SECRET.equals(entry) ? " (kubectl edit secret)" : "")
        + ", or delete the entry: "
        + DELETE;
  }

  /** Which cannot be read, a few named each, and the fix. */
  String describe() {
    List<String> parts = new ArrayList<>();
    if (!projects.isEmpty()) {
      parts.add(
          projects.size()
              + " project "
              + entry
              + "(s) cannot be read: "
              + UnreadableEntries.named(projects, UnreadableEntry::location));
    }
    if (!builds.isEmpty()) {
      parts.add(
          builds.size()
              + " build(s) cannot be read: "
              + UnreadableEntries.named(builds, UnreadableEntry::location));
    }
    return String.join("; ", parts) + ". To repair: " + fix();
  }
}
