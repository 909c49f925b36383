package dev.kubeherd.core.local;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The build IDs a {@link DirectoryBuildFeed} subscription knows, oldest first (IDs sort by creation
 * time), kept up to date from listings of {@code builds/} and from the change log. Not thread-safe.
 */
final class KnownBuilds implements Iterable<String> {
  private final List<String> ids = new ArrayList<>();
  private final Set<String> set = new HashSet<>();

  /** Adds one ID in its place (usually the end); false when it was known. */
  boolean add(String id) {
    if (!set.add(id)) {
      return false;
    }
    int at = Collections.binarySearch(ids, id);
    ids.add(at < 0 ? -at - 1 : at, id);
    return true;
  }

  /**
   * Makes the known IDs those of a listing (in any order): new ones are sorted in, missing ones
   * dropped.
   *
   * @return the listed IDs when some known ones were dropped, so callers can forget them too
   */
  Optional<Set<String>> refresh(List<String> listed) {
    Set<String> present = new HashSet<>(listed.size() * 2);
    List<String> fresh = new ArrayList<>();
    for (String id : listed) {
      present.add(id);
      if (!set.contains(id)) {
        fresh.add(id);
      }
    }
    Optional<Set<String>> dropped = Optional.empty();
    if (set.size() > present.size() - fresh.size()) {
      ids.removeIf(id -> !present.contains(id));
      set.retainAll(present);
      dropped = Optional.of(present);
    }
    if (!fresh.isEmpty()) {
      fresh.sort(null);
      boolean appended = ids.isEmpty() || ids.getLast().compareTo(fresh.getFirst()) < 0;
      ids.addAll(fresh);
      set.addAll(fresh);
      if (!appended) {
        ids.sort(null);
      }
    }
    return dropped;
  }

  @Override
  public Iterator<String> iterator() {
    return ids.iterator();
  }
}
