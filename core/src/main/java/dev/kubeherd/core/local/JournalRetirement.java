package dev.kubeherd.core.local;

import dev.kubeherd.core.CorruptStateException;
import dev.kubeherd.core.service.BuildCleanup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retires the closed segments of a {@link JournaledIntake}'s journal: a segment goes once every
 * build in it is settled (has its directory, or was withdrawn), after its builds' files are made
 * durable and its deliveries recorded in {@code deliveries/}. Used by the intake's housekeeping
 * thread and by its open and close, one at a time.
 */
final class JournalRetirement {
  private static final Logger LOG = LoggerFactory.getLogger(JournalRetirement.class);

  private final DirectoryBuildStore builds;
  private final DirectoryDeliveries deliveries;
  private final DeliveryJournal journal;
  private final Map<String, List<String>> keys;
  private final Deque<Sealed> sealed = new ArrayDeque<>(); // guarded by itself

  /**
   * @param keys the intake's deliveries by key: a retired segment's keys are removed once their
   *     records are written
   */
  JournalRetirement(
      DirectoryBuildStore builds,
      DirectoryDeliveries deliveries,
      DeliveryJournal journal,
      Map<String, List<String>> keys) {
    this.builds = builds;
    this.deliveries = deliveries;
    this.journal = journal;
    this.keys = keys;
  }

  /** Queues a closed segment holding {@code held}, closed at {@code nanos}. */
  void add(Path segment, List<Delivery> held, long nanos) {
    synchronized (sealed) {
      sealed.add(new Sealed(segment, nanos, held));
    }
  }

  /** Retires every closed segment older than {@code age} whose builds are all settled. */
  void retireOlderThan(Duration age) {
    List<Sealed> due;
    synchronized (sealed) {
      due = sealed.stream().filter(s -> System.nanoTime() - s.nanos >= age.toNanos()).toList();
    }
    RuntimeException failed = null;
    for (Sealed segment : due) {
      try {
        if (segment.unsettled(builds) || !retire(segment.path)) {
          continue;
        }
      } catch (RuntimeException e) {
        // the others are still retired; this one is tried again next time
        if (failed == null) {
          failed = e;
        } else {
          failed.addSuppressed(e);
        }
        continue;
      }
      synchronized (sealed) {
        sealed.remove(segment);
      }
      segment.held.forEach(d -> keys.remove(d.key()));
    }
    if (failed != null) {
      throw failed;
    }
  }

  /**
   * Makes a segment's builds and deliveries durable where they belong and deletes it; false (and
   * nothing deleted) when a build turns out not to be settled after all.
   */
  private boolean retire(Path segment) {
    List<JournalEntry> entries = new ArrayList<>();
    JournalSegments.read(segment, record -> entries.add(JournalEntry.decode(record)));
    List<String> settled = new ArrayList<>();
    for (JournalEntry entry : entries) {
      for (JournalEntry.Part part : entry.builds()) {
        JournaledBuild build = JournaledBuild.read(part, new JsonFiles());
        if (!builds.journaled().settled(build)) {
          return false;
        }
        settled.add(build.id());
      }
    }
    for (JournalEntry entry : entries) {
      record(Delivery.of(entry));
    }
    settled.forEach(builds.journaled()::sync);
    entries.forEach(e -> deliveries.sync(e.key()));
    builds.journaled().syncDir();
    deliveries.syncDir();
    // a withdrawn build's marker must outlive the segment for a while (JournalView.sweepWithdrawn)
    settled.stream()
        .filter(builds.journaled()::withdrawn)
        .forEach(builds.journaled()::touchWithdrawn);
    journal.delete(segment);
    return true;
  }

  /**
   * Writes a delivery's record; when another process recorded the same delivery first (it does not
   * journal), this journal's builds of it are withdrawn.
   */
  private void record(Delivery delivery) {
    List<String> recorded;
    try {
      recorded = deliveries.record(delivery.key(), delivery.buildIds(), false);
    } catch (CorruptStateException e) {
      LOG.warn("Delivery record {} was damaged; rewriting it from the journal", delivery.key());
      deliveries.repair(delivery.key(), delivery.buildIds());
      return;
    }
    if (!recorded.equals(delivery.buildIds())) {
      LOG.warn(
          "Delivery {} was also stored by another process (builds {}); withdrawing this"
              + " gateway's builds {}",
          delivery.key(),
          recorded,
          delivery.buildIds());
      BuildCleanup.withdrawDuplicates(
          builds, delivery.buildIds().stream().filter(id -> !recorded.contains(id)).toList());
    }
  }

  /** A delivery the journal holds: its key and its builds' IDs. */
  record Delivery(String key, List<String> buildIds) {
    static Delivery of(JournalEntry entry) {
      JsonFiles json = new JsonFiles();
      return new Delivery(
          entry.key(),
          entry.builds().stream().map(p -> JournaledBuild.read(p, json).id()).toList());
    }
  }

  /** A closed segment waiting to be retired. */
  private static final class Sealed {
    final Path path;
    final long nanos;
    final List<Delivery> held;
    private int checkedDeliveries;

    Sealed(Path path, long nanos, List<Delivery> held) {
      this.path = path;
      this.nanos = nanos;
      this.held = held;
    }

    /**
     * Whether some build is still pending; looks from the first one not known settled and stops at
     * the first pending one, so a segment of unclaimed builds costs one look per try.
     */
    boolean unsettled(DirectoryBuildStore builds) {
      for (; checkedDeliveries < held.size(); checkedDeliveries++) {
        for (String id : held.get(checkedDeliveries).buildIds()) {
          if (!builds.journaled().looksSettled(id)) {
            return true;
          }
        }
      }
      return false;
    }
  }
}
