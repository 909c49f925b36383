package dev.kubeherd.core.local;

import dev.kubeherd.core.CorruptStateException;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.port.DeliveryIntake;
import dev.kubeherd.core.service.BuildCleanup;
import dev.kubeherd.core.service.SingleFlight;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local store's {@link DeliveryIntake}: a delivery is one record in the {@link
 * DeliveryJournal}, group-committed with the deliveries that arrive meanwhile, and nothing else.
 * Its builds are pending from then on, read from the journal by every process ({@link
 * JournalView}); a build's directory is written when it is claimed (or its status otherwise
 * changes), by whoever does that, and a delivery's record in {@code deliveries/} when the journal
 * lets go of it. Acknowledging a delivery so costs one append and its share of one {@code
 * fdatasync}, not a file per delivery (creating those cost the gateway more than everything else it
 * does: P4).
 *
 * <p>Every {@code rotateEvery} (or once it holds 64 MiB) the active segment is closed. A closed
 * segment older than {@code retireAfter} is retired once every build in it has its directory or was
 * withdrawn (deleted): its builds' files are made durable, its deliveries recorded, and it is
 * deleted. Until then it stays, as the store of its pending builds; a segment whose builds nobody
 * claims stays as long as they do. Segments an earlier process left are taken over when the intake
 * opens.
 *
 * <p>Retiring never brings back a build deleted after it was acknowledged (deleting a journaled
 * build marks it withdrawn), and a record another process wrote first for the same delivery wins:
 * this journal's builds of that delivery are withdrawn.
 */
public final class JournaledIntake implements DeliveryIntake, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JournaledIntake.class);
  static final long ROTATE_BYTES = 64L << 20;

  /** How long a withdrawal marker outlives its segment (see {@link JournalView#sweepWithdrawn}). */
  static final Duration WITHDRAWN_KEPT = Duration.ofMinutes(10);

  private final DirectoryBuildStore builds;
  private final DirectoryDeliveries deliveries;
  private final DeliveryJournal journal;
  private final Duration retireAfter;
  private final long rotateBytes;
  private final AtomicBoolean rotationQueued = new AtomicBoolean();
  private final SingleFlight flights = new SingleFlight();

  /** The deliveries the journal holds, by key: appended by this process or left by an earlier. */
  private final Map<String, List<String>> keys = new ConcurrentHashMap<>();

  /** What each segment still being written holds; the writer thread adds, sealing takes. */
  private final Map<Path, List<JournalRetirement.Delivery>> writing = new ConcurrentHashMap<>();

  private final JournalRetirement retirement;
  private final JournalView view;
  private final ScheduledExecutorService retirer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("kubeherd-journal").factory());

  private JournaledIntake(
      LocalHome home,
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
    this.view = home.journal();
    this.retirement = new JournalRetirement(builds, deliveries, journal, keys);
    this.rotateBytes = rotateBytes;
    long millis = Math.max(1, rotateEvery.toMillis());
    retirer.scheduleWithFixedDelay(this::housekeep, millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Opens the intake over the local stores of {@code home}, taking over what a previous process
   * left in the journal (and retiring what of it can be); empty when another process has the
   * journal open (use the store-then-record intake there).
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
            home, builds, deliveries, journal.get(), rotateEvery, retireAfter, rotateBytes);
    try {
      for (Path segment : journal.get().leftOver()) {
        intake.takeOver(segment);
      }
      intake.retirement.retireOlderThan(Duration.ZERO);
    } catch (RuntimeException e) {
      intake.retirer.shutdownNow();
      intake.journal.close(); // releases the lock: the next start takes them over again
      throw e;
    }
    return Optional.of(intake);
  }

  /** Rotates every 30 s (or 64 MiB) and retires segments from 30 s after they close. */
  public static Optional<JournaledIntake> open(
      LocalHome home, DirectoryBuildStore builds, DirectoryDeliveries deliveries) {
    return open(home, builds, deliveries, Duration.ofSeconds(30), Duration.ofSeconds(30));
  }

  @Override
  public Accepted accept(String key, Requests requests) throws InterruptedException {
    return SingleFlight.await(acceptAsync(key, requests));
  }

  /**
   * Looks the key up and prepares the entry on the calling thread; the answer completes on the
   * journal's writer thread once the entry is durable. So the caller's thread never waits for the
   * disk.
   */
  @Override
  public CompletionStage<Accepted> acceptAsync(String key, Requests requests)
      throws InterruptedException {
    LocalHome.checkName("delivery key", key);
    return flights.run(key, () -> acceptNew(key, requests));
  }

  private CompletionStage<Accepted> acceptNew(String key, Requests requests)
      throws InterruptedException {
    List<String> held = keys.get(key);
    Optional<List<String>> earlier =
        held != null ? Optional.of(held) : deliveries.findRecorded(key);
    if (earlier.isPresent()) {
      return CompletableFuture.completedFuture(new Accepted(earlier.get(), true));
    }
    List<JournalEntry.Part> parts = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (BuildRequest request : requests.get()) {
      JournaledBuild build = builds.prepare(request, requests.utf8(request.payload()));
      parts.add(build.part());
      ids.add(build.id());
    }
    List<String> buildIds = List.copyOf(ids);
    return journal.appendAsync(
        new JournalEntry(key, parts).encode(),
        segment -> {
          keys.put(key, buildIds);
          writing
              .computeIfAbsent(segment, s -> new ArrayList<>())
              .add(new JournalRetirement.Delivery(key, buildIds));
          rotateIfFull(); // the segment's size now counts this entry
          return new Accepted(buildIds, false);
        });
  }

  /** False: a delivery is handed to the journal's writer; the caller only looks its key up. */
  @Override
  public boolean holdsCallers() {
    return false;
  }

  /** Unkeyed deliveries are rare (GitHub always sends a delivery ID): stored durably one by one. */
  @Override
  public List<String> acceptUnkeyed(List<BuildRequest> requests) {
    return BuildCleanup.storeAllOrNone(builds, requests);
  }

  /** Reads what a segment left by an earlier process holds, and queues it for retiring. */
  private void takeOver(Path segment) {
    List<JournalRetirement.Delivery> held = new ArrayList<>();
    JournalSegments.read(
        segment,
        record -> {
          JournalEntry entry = JournalEntry.decode(record);
          JournalRetirement.Delivery delivery = JournalRetirement.Delivery.of(entry);
          if (entry.builds().stream().anyMatch(p -> p.payload() == null)) {
            withdrawDeletedBefore(delivery);
          }
          held.add(delivery);
        });
    held.forEach(d -> keys.put(d.key(), d.buildIds()));
    retirement.add(segment, held, System.nanoTime() - retireAfter.toNanos());
  }

  /**
   * A version 1 entry's builds were written to their directories right after the entry, and its
   * record after them: of a delivery with a record, a build without a directory was deleted since
   * (its entry was never retired because that version was killed). Marks those withdrawn so they do
   * not come back as pending.
   */
  private void withdrawDeletedBefore(JournalRetirement.Delivery delivery) {
    try {
      if (deliveries.findRecorded(delivery.key()).isEmpty()) {
        return; // never written: pending, as the entry says
      }
    } catch (CorruptStateException e) {
      return; // torn by a crash, so its builds may be lost too: keep them pending (retiring fixes
      // it)
    }
    for (String id : delivery.buildIds()) {
      if (!builds.journaled().looksSettled(id)) {
        view.withdraw(id);
      }
    }
  }

  private void housekeep() {
    try {
      if (journal.activeSize() > 0) {
        seal(journal.rotate());
      }
      retirement.retireOlderThan(retireAfter);
      view.sweepWithdrawn(WITHDRAWN_KEPT);
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
      rotationQueued.set(false); // closing: close() rotates and retires what it can
    }
  }

  private void seal(Path closed) {
    List<JournalRetirement.Delivery> held = writing.remove(closed);
    retirement.add(closed, held == null ? List.of() : held, System.nanoTime());
  }

  /** Closes the journal after retiring what can be; the rest stays, for the next process. */
  @Override
  public void close() {
    // no interrupt: a rotation interrupted while it waits for the writer would close a segment
    // without sealing it; a retire under way is let finish
    retirer.shutdown();
    try {
      retirer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      seal(journal.rotate());
      retirement.retireOlderThan(Duration.ZERO);
    } finally {
      journal.close(); // also after a failure: what is left is taken over at the next start
    }
  }
}
