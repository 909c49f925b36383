package dev.kubeherd.core.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.port.DeliveryIntake.Accepted;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournaledIntakeTest {
  private static final BuildRequest PUSH = BuildRequest.of("brigade-p", "push", "github");
  private static final BuildRequest PUSH_AGAIN = BuildRequest.of("brigade-p", "push:x", "github");

  @TempDir Path tmp;

  @Test
  void anAcceptedDeliveryIsReadableAndARedeliveryGetsTheSameBuilds() throws Exception {
    Stores stores = new Stores(tmp);
    try (JournaledIntake intake = stores.open()) {
      Accepted first = intake.accept("d-1", () -> List.of(PUSH, PUSH_AGAIN));
      AtomicInteger asked = new AtomicInteger();
      Accepted again =
          intake.accept(
              "d-1",
              () -> {
                asked.incrementAndGet();
                return List.of(PUSH);
              });

      assertThat(first.duplicate()).isFalse();
      assertThat(first.buildIds()).hasSize(2);
      assertThat(again.buildIds()).isEqualTo(first.buildIds());
      assertThat(again.duplicate()).isTrue();
      assertThat(asked).hasValue(0);
      assertThat(stores.builds.find(first.buildIds().get(1)))
          .get()
          .extracting(Build::request)
          .isEqualTo(PUSH_AGAIN);
      assertThat(stores.deliveries.find("d-1")).contains(first.buildIds());
    }
  }

  @Test
  void aDeliveryWhoseRecordCannotBeWrittenLeavesNoBuildSoItsRedeliveryRunsOnce() throws Exception {
    Stores stores = new Stores(tmp);
    Path record = tmp.resolve(DirectoryDeliveries.DIR).resolve("d-1.json");
    Files.createDirectories(record.getParent());
    Files.createSymbolicLink(record, tmp.resolve("nowhere")); // the record cannot be created
    Accepted redelivered;
    try (JournaledIntake intake = stores.open()) {
      assertThatThrownBy(() -> intake.accept("d-1", () -> List.of(PUSH)))
          .hasMessageContaining(record.toString());

      assertThat(stores.builds.list(Optional.empty())).isEmpty(); // nothing there to run
      // a feed may hear of the withdrawal, but of no build it could find
      assertThat(changeLog()).allSatisfy(id -> assertThat(stores.builds.find(id)).isEmpty());

      Files.delete(record); // the disk is fixed; GitHub's redelivery arrives
      redelivered = intake.accept("d-1", () -> List.of(PUSH));
      assertThat(redelivered.duplicate()).isFalse();
      assertThat(changeLog()).containsSubsequence(redelivered.buildIds());
    }

    // closing replayed both journal entries: still the one build
    assertThat(stores.builds.list(Optional.empty()))
        .extracting(Build::id)
        .containsExactlyElementsOf(redelivered.buildIds());
    assertThat(stores.deliveries.find("d-1")).contains(redelivered.buildIds());
  }

  @Test
  void aFullSegmentIsClosedAheadOfTheScheduleSoReplayingOneStaysSmall() throws Exception {
    Stores stores = new Stores(tmp);
    long limit = 64 << 10;
    BuildRequest big = PUSH.withPayload("x".repeat(20_000));
    try (JournaledIntake intake =
        JournaledIntake.open(
                stores.home,
                stores.builds,
                stores.deliveries,
                Duration.ofHours(1),
                Duration.ofHours(1),
                limit)
            .orElseThrow()) {
      for (int i = 0; i < 20; i++) {
        intake.accept("d-" + i, () -> List.of(big));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (activeSegmentSize() >= limit && System.nanoTime() < deadline) {
          Thread.sleep(5); // the rotation runs on the housekeeping thread
        }
      }
      List<Path> segments = JournalSegments.segments(tmp.resolve(DeliveryJournal.DIR));

      assertThat(segments.size()).isGreaterThanOrEqualTo(5);
      for (Path segment : segments) {
        assertThat(Files.size(segment)).isLessThan(limit + 25_000); // one record past the limit
      }
    }
    assertThat(JournalSegments.segments(tmp.resolve(DeliveryJournal.DIR))).isEmpty();
    assertThat(stores.builds.list(Optional.empty())).hasSize(20);
  }

  @Test
  void aBrokenJournalStillReleasesItsHomeWhenClosed() throws Exception {
    Stores stores = new Stores(tmp);
    JournaledIntake intake = stores.open();
    intake.accept("d-1", () -> List.of(PUSH));
    Path records = tmp.resolve(DirectoryDeliveries.DIR);
    Path moved = tmp.resolve("deliveries-moved");
    Files.move(records, moved);
    Files.writeString(records, "not a directory"); // replaying the segment now fails

    assertThatThrownBy(intake::close).isInstanceOf(RuntimeException.class);

    Files.delete(records);
    Files.move(moved, records);
    try (JournaledIntake next = stores.open()) { // the lock was released; the segment is replayed
      assertThat(stores.deliveries.find("d-1")).isPresent();
    }
    assertThat(JournalSegments.segments(tmp.resolve(DeliveryJournal.DIR))).isEmpty();
  }

  private List<String> changeLog() throws IOException {
    Path log = tmp.resolve(BuildChangeLog.FILE);
    return Files.exists(log)
        ? Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList()
        : List.of();
  }

  private long activeSegmentSize() throws IOException {
    List<Path> segments = JournalSegments.segments(tmp.resolve(DeliveryJournal.DIR));
    return segments.isEmpty() ? 0 : Files.size(segments.getLast());
  }

  @Test
  void closingRetiresTheJournalSoNothingIsLeftToReplay() throws Exception {
    Stores stores = new Stores(tmp);
    try (JournaledIntake intake = stores.open()) {
      intake.accept("d-1", () -> List.of(PUSH));
    }

    assertThat(JournalSegments.segments(tmp.resolve(DeliveryJournal.DIR))).isEmpty();
  }

  @Test
  void closedSegmentsAreRetiredInTheBackgroundWhileTheIntakeRuns() throws Exception {
    Stores stores = new Stores(tmp);
    try (JournaledIntake intake =
        JournaledIntake.open(
                stores.home, stores.builds, stores.deliveries, Duration.ofMillis(20), Duration.ZERO)
            .orElseThrow()) {
      intake.accept("d-1", () -> List.of(PUSH));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!journalHoldsNoRecords() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }

      assertThat(journalHoldsNoRecords()).isTrue();
      assertThat(stores.deliveries.find("d-1")).isPresent();
    }
  }

  @Test
  void whatACrashLeftInTheJournalIsStoredWhenTheNextIntakeOpens() throws Exception {
    Path crashed = tmp.resolve("crashed");
    Accepted accepted = acceptThenCrash(crashed, "d-1");
    // the machine lost the files written without fsync
    deleteTree(crashed.resolve("builds"));
    deleteTree(crashed.resolve(DirectoryDeliveries.DIR));

    Stores after = new Stores(crashed);
    try (JournaledIntake intake = after.open()) {
      assertThat(after.deliveries.find("d-1")).contains(accepted.buildIds());
      assertThat(after.builds.find(accepted.buildIds().getFirst()))
          .get()
          .extracting(Build::request)
          .isEqualTo(PUSH);
      assertThat(intake.accept("d-1", () -> List.of(PUSH)).duplicate()).isTrue();
    }
  }

  @Test
  void anEmptyBuildFileLeftByACrashIsRewrittenFromTheJournal() throws Exception {
    Path crashed = tmp.resolve("crashed");
    Accepted accepted = acceptThenCrash(crashed, "d-1");
    String id = accepted.buildIds().getFirst();
    Files.write(crashed.resolve("builds").resolve(id).resolve("build.json"), new byte[0]);

    Stores after = new Stores(crashed);
    try (JournaledIntake intake = after.open()) {
      assertThat(after.builds.find(id)).get().extracting(Build::request).isEqualTo(PUSH);
    }
  }

  @Test
  void aDeliveryRecordACrashLeftEmptyIsRewrittenFromTheJournal() throws Exception {
    Path crashed = tmp.resolve("crashed");
    Accepted accepted = acceptThenCrash(crashed, "d-1");
    // killed while writing the record in place
    Files.write(crashed.resolve(DirectoryDeliveries.DIR).resolve("d-1.json"), new byte[0]);

    Stores after = new Stores(crashed);
    try (JournaledIntake intake = after.open()) {
      assertThat(after.deliveries.find("d-1")).contains(accepted.buildIds());
      assertThat(intake.accept("d-1", () -> List.of(PUSH)))
          .isEqualTo(new Accepted(accepted.buildIds(), true));
      assertThat(after.builds.list(Optional.empty())).hasSize(1);
    }
  }

  @Test
  void replayingDoesNotBringBackABuildDeletedAfterItWasAccepted() throws Exception {
    Path crashed = tmp.resolve("crashed");
    Accepted accepted = acceptThenCrash(crashed, "d-1");
    Stores after = new Stores(crashed);
    after.builds.delete(accepted.buildIds().getFirst()); // e.g. brig build delete, then a crash

    try (JournaledIntake intake = after.open()) {
      assertThat(after.builds.list(Optional.empty())).isEmpty();
    }
  }

  @Test
  void concurrentDeliveriesWithRepeatedKeysStoreEachKeyOnce() throws Exception {
    Stores stores = new Stores(tmp);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try (JournaledIntake intake = stores.open()) {
      List<Future<Accepted>> answers = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String key = "d-" + (i % 50);
        answers.add(threads.submit(() -> intake.accept(key, () -> List.of(PUSH))));
      }
      List<Accepted> accepted = new ArrayList<>();
      for (Future<Accepted> a : answers) {
        accepted.add(a.get());
      }

      assertThat(accepted.stream().filter(a -> !a.duplicate())).hasSize(50);
      assertThat(stores.builds.list(Optional.empty())).hasSize(50);
    } finally {
      threads.shutdown();
    }
  }

  @Test
  void oneThreadCanHaveManyDeliveriesInFlightAndEachAnswerComesOnlyOnceItsFilesExist()
      throws Exception {
    Stores stores = new Stores(tmp);
    try (JournaledIntake intake = stores.open()) {
      List<CompletableFuture<Boolean>> filesThereWhenAnswered = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        String key = "d-" + i;
        filesThereWhenAnswered.add(
            intake
                .acceptAsync(key, () -> List.of(PUSH))
                .thenApply(
                    a ->
                        !a.duplicate()
                            && stores.deliveries.find(key).orElseThrow().equals(a.buildIds())
                            && stores.builds.find(a.buildIds().getFirst()).isPresent())
                .toCompletableFuture());
      }
      // a redelivery while the first is in flight or done: the same builds, nothing stored twice
      Accepted again =
          intake
              .acceptAsync("d-7", () -> List.of(PUSH))
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);

      assertThat(filesThereWhenAnswered)
          .allSatisfy(f -> assertThat(f.get(10, TimeUnit.SECONDS)).isTrue());
      assertThat(again.duplicate()).isTrue();
      assertThat(again.buildIds()).isEqualTo(stores.deliveries.find("d-7").orElseThrow());
      assertThat(stores.builds.list(Optional.empty())).hasSize(100);
    }
  }

  @Test
  void aClosedIntakeRefusesADeliveryInsteadOfAcknowledgingIt() throws Exception {
    Stores stores = new Stores(tmp);
    JournaledIntake intake = stores.open();
    intake.close();

    assertThatThrownBy(() -> intake.acceptAsync("d-1", () -> List.of(PUSH)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("journal")
        .hasMessageContaining("closed");
    assertThat(stores.deliveries.find("d-1")).isEmpty();
  }

  @Test
  void aSecondIntakeOnTheSameHomeIsRefusedWhileTheFirstIsOpen() {
    Stores stores = new Stores(tmp);
    try (JournaledIntake intake = stores.open()) {
      assertThat(JournaledIntake.open(stores.home, stores.builds, stores.deliveries)).isEmpty();
    }
  }

  /**
   * Accepts a delivery on {@code home}, then copies the home as a crash would leave it (journal
   * segment still there) to {@code crashed}, and closes the original.
   */
  private Accepted acceptThenCrash(Path crashed, String key) throws Exception {
    Path home = tmp.resolve("home");
    Stores stores = new Stores(home);
    try (JournaledIntake intake = stores.open()) {
      Accepted accepted = intake.accept(key, () -> List.of(PUSH));
      copyTree(home, crashed);
      Files.deleteIfExists(crashed.resolve(DeliveryJournal.DIR).resolve("lock"));
      return accepted;
    }
  }

  private boolean journalHoldsNoRecords() {
    List<Path> segments = JournalSegments.segments(tmp.resolve(DeliveryJournal.DIR));
    AtomicInteger records = new AtomicInteger();
    segments.forEach(s -> JournalSegments.read(s, r -> records.incrementAndGet()));
    return records.get() == 0;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** The directory stores of one home. */
  private static final class Stores {
    final LocalHome home;
    final DirectoryBuildStore builds;
    final DirectoryDeliveries deliveries;

    Stores(Path root) {
      home = new LocalHome(root);
      builds = new DirectoryBuildStore(home, Clock.systemUTC());
      deliveries = new DirectoryDeliveries(home);
    }

    JournaledIntake open() {
      return JournaledIntake.open(home, builds, deliveries).orElseThrow();
    }
  }
}
