package dev.kubeherd.core.local;

import dev.kubeherd.core.CorruptStateException;
import dev.kubeherd.core.local.DirectoryBuildStore.PreparedBuild;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.port.DeliveryIntake;
import dev.kubeherd.core.service.BuildCleanup;
import dev.kubeherd.core.service.SingleFlight;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local store's {@link DeliveryIntake}: one durable write per batch of concurrent deliveries
 * instead of several fsyncs each. A delivery's builds go into the {@link DeliveryJournal} first
 * (group-committed); once that returns, the build directories and the delivery record are written
 * without fsync and the caller can acknowledge. The journal keeps every entry until its files are
 * made durable: every {@code rotateEvery} (or once it holds 64 MiB) the active segment is closed,
 * so replaying one never has to hold more than that in memory, and a closed segment older than
 * {@code retireAfter} is replayed (a no-op unless the process died half-way), its files fsynced,
 * and deleted. By then the kernel has usually written the files back, so those fsyncs cost little.
 * Segments left by a crash are replayed and retired when the intake opens.
 *
 * <p>Replaying never brings back a build deleted after it was acknowledged: builds are only
 * (re)created while the delivery has no record; an existing record only gets its empty or torn
 * {@code build.json} files rewritten.
 */
public final class JournaledIntake implements DeliveryIntake, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JournaledIntake.class);
  static final long ROTATE_BYTES = 64L << 20;

  private final DirectoryBuildStore builds;
  private final DirectoryDeliveries deliveries;
  private final DeliveryJournal journal;
  private final Duration retireAfter;
  private final long rotateBytes;
  private final AtomicBoolean rotationQueued = new AtomicBoolean();
  private final SingleFlight flights = new SingleFlight();

  /**
   * Held while a delivery's files are created: by the journal's writer thread for new deliveries,
   * and by the retirer replaying a segment. Creating entries takes the directory's lock in the
   * kernel, and a dozen threads creating in {@code builds/} and {@code deliveries/} at once spent
   * most of the gateway's CPU spinning on those two locks (P4: 1.9 ms of system time per delivery);
   * one at a time they cost tens of microseconds.
   */
  private final Object creating = new Object();

  private final Deque<Sealed> sealed = new ArrayDeque<>(); // guarded by itself
  private final ScheduledExecutorService retirer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("kubeherd-journal").factory());

  private JournaledIntake(
      DirectoryBuildStore builds,
      DirectoryDeliveries deliveries,
      DeliveryJournal journal,
      Duration rotateEvery,
      Duration retireAfter,
      long rotateBytes) {
    this.builds = builds;
    this.deliveries = deliveries;
    this.journal = journal;
    this.retireAfter = retireAfter;
    this.rotateBytes = rotateBytes;
    long millis = Math.max(1, rotateEvery.toMillis());
    retirer.scheduleWithFixedDelay(this::housekeep, millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Opens the intake over the local stores of {@code home}, after replaying and retiring what a
   * previous process left in the journal; empty when another process has the journal open (use the
   * store-then-record intake there).
   */
  public static Optional<JournaledIntake> open(
      LocalHome home,
      DirectoryBuildStore builds,
      DirectoryDeliveries deliveries,
      Duration rotateEvery,
      Duration retireAfter) {
    return open(home, builds, deliveries, rotateEvery, retireAfter, ROTATE_BYTES);
  }

  /**
   * {@link #open(LocalHome, DirectoryBuildStore, DirectoryDeliveries, Duration, Duration)}, closing
   * the active segment once it holds {@code rotateBytes}.
   */
  static Optional<JournaledIntake> open(
      LocalHome home,
      DirectoryBuildStore builds,
      DirectoryDeliveries deliveries,
      Duration rotateEvery,
      Duration retireAfter,
      long rotateBytes) {
    Optional<DeliveryJournal> journal = DeliveryJournal.open(home);
    if (journal.isEmpty()) {
      return Optional.empty();
    }
    JournaledIntake intake =
        new JournaledIntake(
            builds, deliveries, journal.get(), rotateEvery, retireAfter, rotateBytes);
    try {
      for (Path segment : journal.get().leftOver()) {
        intake.retire(segment);
      }
    } catch (RuntimeException e) {
      intake.retirer.shutdownNow();
      intake.journal.close(); // releases the lock: the next start replays the segments again
      throw e;
    }
    return Optional.of(intake);
  }

  /** Rotates every 30 s (or 64 MiB) and retires segments 30 s after they close. */
  public static Optional<JournaledIntake> open(
      LocalHome home, DirectoryBuildStore builds, DirectoryDeliveries deliveries) {
    return open(home, builds, deliveries, Duration.ofSeconds(30), Duration.ofSeconds(30));
  }

  @Override
  public Accepted accept(String key, Requests requests) throws InterruptedException {
    return SingleFlight.await(acceptAsync(key, requests));
  }

  /**
   * Looks the key up and prepares the builds on the calling thread; the journal's writer thread
   * then writes the files right after the sync that made the entry durable, and completes the
   * answer. So the caller's thread never waits for the disk, and the files are created by one
   * thread (creating entries in the same directory from many threads at once costs the kernel far
   * more).
   */
  @Override
  public CompletionStage<Accepted> acceptAsync(String key, Requests requests)
      throws InterruptedException {
    LocalHome.checkName("delivery key", key);
    return flights.run(key, () -> acceptNew(key, requests));
  }

  private CompletionStage<Accepted> acceptNew(String key, Requests requests)
      throws InterruptedException {
    Optional<List<String>> earlier = deliveries.find(key);
    if (earlier.isPresent()) {
      return CompletableFuture.completedFuture(new Accepted(earlier.get(), true));
    }
    List<PreparedBuild> prepared = new ArrayList<>();
    for (BuildRequest request : requests.get()) {
      prepared.add(builds.prepare(request));
    }
    byte[] entry =
        new JournalEntry(key, prepared.stream().map(PreparedBuild::content).toList()).encode();
    return journal.appendAsync(
        entry,
        segment -> {
          Accepted accepted = apply(key, prepared, true);
          rotateIfFull(); // the segment's size now counts this entry
          return accepted;
        });
  }

  /** Unkeyed deliveries are rare (GitHub always sends a delivery ID): stored durably one by one. */
  @Override
  public List<String> acceptUnkeyed(List<BuildRequest> requests) {
    return BuildCleanup.storeAllOrNone(builds, requests);
  }

  /**
   * Writes what a journaled delivery needs on disk, idempotently: used right after the journal
   * append ({@code fresh}: the key had no record a moment ago, under its {@link SingleFlight}, so
   * it is not looked up again; a record another process makes meanwhile still wins, through the
   * exclusive create) and again when a segment is replayed.
   */
  private Accepted apply(String key, List<PreparedBuild> prepared, boolean fresh) {
    List<String> ids = prepared.stream().map(PreparedBuild::id).toList();
    Optional<List<String>> earlier = fresh ? Optional.empty() : recordOf(key, ids);
    List<String> recorded;
    if (earlier.isEmpty()) {
      recorded = createAndRecord(key, prepared, ids);
    } else {
      recorded = earlier.get();
      if (recorded.equals(ids)) {
        builds.announce(builds.repair(prepared));
      }
    }
    if (!recorded.equals(ids)) {
      // another process recorded this key first (it does not journal): keep only its builds
      BuildCleanup.withdrawDuplicates(
          builds, ids.stream().filter(id -> !recorded.contains(id)).toList());
      return new Accepted(recorded, true);
    }
    return new Accepted(ids, false);
  }

  /**
   * Creates the delivery's builds, then its record, and announces the builds to the feeds only once
   * the record names them. When either cannot be written, the builds are withdrawn ({@link
   * BuildCleanup}) before the failure is reported: the caller answers 503 and asks for a
   * redelivery, which must then be the only run of the event. (The journal still holds the failed
   * entry; replaying it later finds the redelivery's record and adds nothing, or writes it all when
   * there was no redelivery.)
   */
  private List<String> createAndRecord(String key, List<PreparedBuild> prepared, List<String> ids) {
    synchronized (creating) {
      List<String> written;
      List<String> recorded;
      try {
        written = builds.materialize(prepared);
        recorded = deliveries.record(key, ids, false);
      } catch (RuntimeException e) {
        BuildCleanup.withdrawAfter(e, builds, ids);
        throw e;
      }
      if (recorded.equals(ids)) {
        builds.announce(written);
      }
      return recorded;
    }
  }

  /** The delivery's record; one a crash left empty or torn is rewritten from the journal. */
  private Optional<List<String>> recordOf(String key, List<String> ids) {
    try {
      return deliveries.find(key);
    } catch (CorruptStateException e) {
      LOG.warn("Delivery record {} was damaged; rewriting it from the journal", key);
      deliveries.repair(key, ids);
      return Optional.of(ids);
    }
  }

  private void housekeep() {
    try {
      if (journal.activeSize() > 0) {
        seal(journal.rotate());
      }
      retireOlderThan(retireAfter);
    } catch (RuntimeException | OutOfMemoryError e) {
      // a failure must not end the schedule: nothing would be rotated or retired any more
      LOG.warn("Delivery journal housekeeping failed (will retry): {}", e.toString());
    }
  }

  /**
   * Has the housekeeping thread close the active segment ahead of the schedule once it holds {@code
   * rotateBytes}. Called on the journal's writer thread, so it only queues the rotation (and by the
   * rotation itself, for a segment that filled up while it finished).
   */
  private void rotateIfFull() {
    if (journal.activeSize() < rotateBytes || !rotationQueued.compareAndSet(false, true)) {
      return;
    }
    try {
      retirer.execute(
          () -> {
            boolean rotated = false;
            try {
              if (journal.activeSize() >= rotateBytes) {
                seal(journal.rotate());
                rotated = true;
              }
            } catch (RuntimeException e) {
              LOG.warn("Could not close the full journal segment (will retry): {}", e.toString());
            } finally {
              rotationQueued.set(false);
            }
            if (rotated) {
              // appends that filled the new segment while this task was finishing found the flag
              // still set and queued nothing: look again, or it would grow until the next append
              rotateIfFull();
            }
          });
    } catch (RejectedExecutionException e) {
      rotationQueued.set(false); // closing: close() rotates and retires everything
    }
  }

  private void seal(Path closed) {
    synchronized (sealed) {
      sealed.add(new Sealed(closed, System.nanoTime()));
    }
  }

  private void retireOlderThan(Duration age) {
    while (true) {
      Sealed next;
      synchronized (sealed) {
        next = sealed.peek();
        if (next == null || System.nanoTime() - next.nanos() < age.toNanos()) {
          return;
        }
      }
      retire(next.segment());
      synchronized (sealed) {
        sealed.remove(next);
      }
    }
  }

  /** Replays a closed segment, makes its files durable and deletes it. */
  private void retire(Path segment) {
    List<String> buildIds = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    JournalSegments.read(
        segment,
        record -> {
          JournalEntry entry = JournalEntry.decode(record);
          List<PreparedBuild> prepared = entry.buildFiles().stream().map(builds::prepared).toList();
          // idempotent, so safe beside a request still applying the same entry
          buildIds.addAll(apply(entry.key(), prepared, false).buildIds());
          keys.add(entry.key());
        });
    buildIds.stream().filter(builds::exists).forEach(builds::sync);
    keys.forEach(deliveries::sync);
    builds.syncDir();
    deliveries.syncDir();
    journal.delete(segment);
  }

  /** Closes the journal after making everything in it durable where it belongs. */
  @Override
  public void close() {
    // no interrupt: a rotation interrupted while it waits for the writer would close a segment
    // without sealing it, and nothing would retire it; a retire under way is let finish
    retirer.shutdown();
    try {
      retirer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      seal(journal.rotate());
      retireOlderThan(Duration.ZERO);
    } finally {
      journal.close(); // also after a failure: what is left is replayed at the next start
    }
  }

  private record Sealed(Path segment, long nanos) {}
}
