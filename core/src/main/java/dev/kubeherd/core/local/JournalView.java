package dev.kubeherd.core.local;

import dev.kubeherd.core.CorruptStateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The builds and delivery keys in the {@link DeliveryJournal}'s segments, as one process sees them.
 * Journaled builds are the local store's pending builds until something writes their directory (the
 * {@link DirectoryBuildStore} does when it claims one) or withdraws them (a marker file in {@code
 * journal/withdrawn/}, made when such a build is deleted); the gateway appends them and never
 * writes a file per delivery. Segments are read incrementally: a {@link #refresh} reads only what
 * was appended since the last one, and forgets the builds of segments that were deleted (the
 * journal deletes a segment only once all its builds have directories or are withdrawn, and all its
 * deliveries have records). The index holds positions, not payloads; reading a build reads its
 * record. Thread-safe.
 */
final class JournalView {
  private static final Logger LOG = LoggerFactory.getLogger(JournalView.class);
  static final String WITHDRAWN_DIR = "withdrawn";

  private final Path dir;
  private final Path withdrawn;
  private final JsonFiles json = new JsonFiles();

  // guarded by this
  private final Map<Path, Segment> segments = new HashMap<>();
  private final NavigableMap<String, Location> builds = new TreeMap<>();
  private final NavigableMap<Long, String> arrivals = new TreeMap<>();
  private final Map<String, List<String>> keys = new HashMap<>();
  private long sequence;
  private String lastProblem = "";
  private boolean lastRefreshWhole; // the last refresh listed and read every segment

  JournalView(LocalHome home) {
    this.dir = home.root().resolve(DeliveryJournal.DIR);
    this.withdrawn = dir.resolve(WITHDRAWN_DIR);
  }

  /** Where a journaled build is: its entry's frame and its place in the entry. */
  private record Location(
      Path segment, long offset, int index, String projectId, String key, long seq) {}

  /** What was read of one segment: up to where, and what it holds. */
  private static final class Segment {
    long readTo;
    boolean complete; // a newer segment exists and this one was read to its end: read no more
    final List<String> ids = new ArrayList<>();
    final List<String> keys = new ArrayList<>();
  }

  /** Reads what was appended since the last refresh and forgets segments that were deleted. */
  synchronized void refresh() {
    lastRefreshWhole = false;
    List<Path> now;
    try {
      now = Files.isDirectory(dir) ? JournalSegments.segments(dir) : List.of();
    } catch (UncheckedIOException e) {
      warn("Cannot list the delivery journal " + dir + ": " + e.getMessage());
      return;
    }
    boolean whole = true;
    Set<Path> present = new HashSet<>(now);
    for (Path gone : segments.keySet().stream().filter(s -> !present.contains(s)).toList()) {
      forget(gone);
    }
    for (int i = 0; i < now.size(); i++) {
      Path path = now.get(i);
      Segment segment = segments.computeIfAbsent(path, p -> new Segment());
      if (segment.complete) {
        continue;
      }
      boolean closed = i < now.size() - 1; // the writer moved on: nothing more will be appended
      try {
        segment.readTo =
            JournalSegments.readFrom(path, segment.readTo, f -> index(path, segment, f));
        // only once read to its very end: a mark a crash left behind (the next gateway deletes
        // it when it takes the journal over) or a torn tail keeps it being looked at
        segment.complete = closed && segment.readTo >= Files.size(path);
      } catch (NoSuchFileException e) {
        // retired between the listing and the read: the next refresh forgets it
      } catch (IOException | UncheckedIOException e) {
        warn("Cannot read journal segment " + path + ": " + e.getMessage());
        whole = false;
      }
    }
    lastRefreshWhole = whole;
  }

  private void index(Path path, Segment segment, JournalSegments.Framed framed) {
    JournalEntry entry;
    try {
      entry = JournalEntry.decode(framed.record());
    } catch (IllegalArgumentException e) {
      warn("Skipping a record of " + path + " at " + framed.offset() + ": " + e.getMessage());
      return;
    }
    List<String> ids = new ArrayList<>(entry.builds().size());
    for (int i = 0; i < entry.builds().size(); i++) {
      JournaledBuild build;
      try {
        build = JournaledBuild.read(entry.builds().get(i), json);
      } catch (RuntimeException e) {
        warn("Skipping a build of " + path + " at " + framed.offset() + ": " + e.getMessage());
        continue;
      }
      long seq = ++sequence;
      builds.put(
          build.id(), new Location(path, framed.offset(), i, build.projectId(), entry.key(), seq));
      arrivals.put(seq, build.id());
      ids.add(build.id());
    }
    segment.ids.addAll(ids);
    segment.keys.add(entry.key());
    keys.put(entry.key(), List.copyOf(ids));
  }

  private void forget(Path path) {
    Segment segment = segments.remove(path);
    for (String id : segment.ids) {
      Location location = builds.get(id);
      if (location != null && location.segment().equals(path)) {
        builds.remove(id);
        arrivals.remove(location.seq());
      }
    }
    segment.keys.forEach(keys::remove);
  }

  /** The journaled build, reading its record; empty when the journal does not hold it. */
  Optional<JournaledBuild> find(String id) {
    Location location;
    synchronized (this) {
      location = builds.get(id);
      if (location == null) {
        refresh();
        location = builds.get(id);
      }
    }
    if (location == null) {
      return Optional.empty();
    }
    Optional<byte[]> record;
    try {
      record = JournalSegments.readAt(location.segment(), location.offset());
    } catch (UncheckedIOException e) {
      throw new CorruptStateException("Cannot read build " + id + ": " + e.getMessage(), e);
    }
    if (record.isEmpty()) {
      return Optional.empty(); // retired meanwhile: the build has its directory, or was withdrawn
    }
    JournalEntry entry = JournalEntry.decode(record.get());
    JournaledBuild build = JournaledBuild.read(entry.builds().get(location.index()), json);
    if (!build.id().equals(id)) {
      throw new CorruptStateException(
          "Journal segment "
              + location.segment()
              + " holds build "
              + build.id()
              + " where "
              + id
              + " was; restart this process");
    }
    return Optional.of(build);
  }

  /** The key of the delivery a journaled build came with. */
  synchronized Optional<String> keyOf(String id) {
    return Optional.ofNullable(builds.get(id)).map(Location::key);
  }

  /**
   * Whether the journal holds the build now: refreshed when it is not known yet, or when the
   * segment it was read from is gone (retired since).
   */
  synchronized boolean holds(String id) {
    Location location = builds.get(id);
    if (location == null || !Files.exists(location.segment())) {
      refresh();
    }
    return builds.containsKey(id);
  }

  /** The IDs of journaled builds (of one project, when given), after a refresh; in no order. */
  synchronized List<String> ids(Optional<String> projectId) {
    refresh();
    List<String> ids = new ArrayList<>();
    builds.forEach(
        (id, location) -> {
          if (projectId.isEmpty() || projectId.get().equals(location.projectId())) {
            ids.add(id);
          }
        });
    return ids;
  }

  /**
   * The builds read after {@code cursor}, oldest first, after a refresh; the new cursor is the last
   * one's. Builds of deleted segments are not listed.
   */
  synchronized Arrivals arrivedAfter(long cursor) {
    refresh();
    NavigableMap<Long, String> tail = arrivals.tailMap(cursor, false);
    return new Arrivals(
        List.copyOf(tail.values()), tail.isEmpty() ? Math.max(cursor, 0) : tail.lastKey());
  }

  /** Builds the journal showed since a cursor, and the cursor after them. */
  record Arrivals(List<String> ids, long cursor) {}

  /** The build IDs of a journaled delivery; empty when the journal does not hold its key. */
  synchronized Optional<List<String>> key(String key) {
    List<String> ids = keys.get(key);
    if (ids == null) {
      refresh();
      ids = keys.get(key);
    }
    return Optional.ofNullable(ids);
  }

  /** Whether a journaled build was withdrawn (deleted before or after its directory was made). */
  boolean withdrawn(String id) {
    return Files.exists(withdrawn.resolve(id));
  }

  /** Marks a journaled build withdrawn, so it never shows as pending again; durably. */
  void withdraw(String id) {
    try {
      boolean made = !Files.isDirectory(withdrawn);
      Files.createFile(LocalHome.ensureDir(withdrawn).resolve(id));
      AtomicFiles.syncDirectory(withdrawn);
      if (made) {
        AtomicFiles.syncDirectory(dir);
      }
    } catch (FileAlreadyExistsException e) {
      // withdrawn already
    } catch (IOException e) {
      throw notWithdrawn(id, e);
    } catch (UncheckedIOException e) {
      throw notWithdrawn(id, e.getCause());
    }
  }

  private UncheckedIOException notWithdrawn(String id, IOException e) {
    return new UncheckedIOException(
        "Could not delete build " + id + ": cannot mark it withdrawn in " + withdrawn + ": " + e,
        e);
  }

  /**
   * Drops the markers of builds no segment holds any more, once they are older than {@code age}
   * ({@link JournalRetirement} touches a build's marker when it deletes its segment). Not at once:
   * a process that read the build's entry just before the segment went may still be about to look
   * for the marker.
   */
  void sweepWithdrawn(Duration age) {
    List<Path> markers;
    try (Stream<Path> files = Files.list(withdrawn)) {
      markers = files.toList();
    } catch (NoSuchFileException e) {
      return;
    } catch (IOException e) {
      warn("Cannot list " + withdrawn + ": " + e);
      return;
    }
    long before = System.currentTimeMillis() - age.toMillis();
    refresh();
    if (!lastRefreshWhole) {
      return; // a build the index misses may still be held: keep every marker
    }
    for (Path marker : markers) {
      try {
        if (Files.getLastModifiedTime(marker).toMillis() <= before
            && !holds(marker.getFileName().toString())) {
          Files.deleteIfExists(marker);
        }
      } catch (IOException e) {
        warn("Could not remove " + marker + ": " + e);
      }
    }
  }

  /** Makes a marker's age count from now (its segment is about to go). */
  void touchWithdrawn(String id) {
    try {
      Files.setLastModifiedTime(
          withdrawn.resolve(id), FileTime.fromMillis(System.currentTimeMillis()));
    } catch (NoSuchFileException e) {
      // not withdrawn
    } catch (IOException e) {
      throw new UncheckedIOException("Could not touch " + withdrawn.resolve(id) + ": " + e, e);
    }
  }

  private void warn(String problem) {
    if (!problem.equals(lastProblem)) {
      LOG.warn("{}", problem);
      lastProblem = problem;
    }
  }
}
