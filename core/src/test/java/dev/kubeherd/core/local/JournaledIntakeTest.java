package dev.kubeherd.core.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.port.DeliveryIntake.Accepted;
import dev.kubeherd.core.service.RecordedIntake;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
  void acceptingADeliveryWritesOnlyTheJournalAndAnotherProcessSeesItsBuildsAsPending()
      throws Exception {
    Stores stores = new Stores(tmp);
    try (JournaledIntake intake = stores.open()) {
      Accepted accepted = intake.accept("d-1", () -> List.of(PUSH, PUSH_AGAIN));

      assertThat(tmp.resolve("builds")).doesNotExist();
      assertThat(tmp.resolve(DirectoryDeliveries.DIR)).doesNotExist();
      Stores other = new Stores(tmp); // its own view of the journal, as another process has
      assertThat(other.deliveries.find("d-1")).contains(accepted.buildIds());
      assertThat(other.builds.list(Optional.empty()))
          .extracting(Build::id)
          .containsExactlyElementsOf(accepted.buildIds().reversed());
      assertThat(other.builds.list(Optional.of("someone-else"))).isEmpty();
      Build pending = other.builds.find(accepted.buildIds().getFirst()).orElseThrow();
      assertThat(pending.request()).isEqualTo(PUSH);
      assertThat(pending.status().phase()).isEqualTo(BuildPhase.PENDING);
      assertThat(other.builds.ids()).containsExactlyInAnyOrderElementsOf(accepted.buildIds());
    }
  }

  @Test
  void aPayloadIsStoredByteForByteWhateverItHolds() throws Exception {
    Stores stores = new Stores(tmp);
    String payload = "{\"text\":\"caf\u00e9 \\\"quoted\\\" \\u0000 \ud83d\ude80\",\"n\":[1,2]}\n";
    try (JournaledIntake intake = stores.open()) {
      String id =
          intake.accept("d-1", () -> List.of(PUSH.withPayload(payload))).buildIds().getFirst();
      Stores other = new Stores(tmp);

      assertThat(other.builds.find(id).orElseThrow().request().payload()).isEqualTo(payload);
      assertThat(other.builds.claim(id, "w")).isTrue();
      assertThat(new Stores(tmp).builds.find(id).orElseThrow().request().payload())
          .isEqualTo(payload);
    }
  }

  @Test
  void aClaimWritesTheBuildsDirectoryAndASegmentRetiresOnceAllItsBuildsAreSettled()
      throws Exception {
    Stores stores = new Stores(tmp);
    try (JournaledIntake intake =
        JournaledIntake.open(
                stores.home, stores.builds, stores.deliveries, Duration.ofMillis(20), Duration.ZERO)
            .orElseThrow()) {
      String first = intake.accept("d-1", () -> List.of(PUSH)).buildIds().getFirst();
      String second = intake.accept("d-2", () -> List.of(PUSH)).buildIds().getFirst();
      Stores worker = new Stores(tmp);

      assertThat(worker.builds.claim(first, "w-1")).isTrue();
      assertThat(tmp.resolve("builds").resolve(first).resolve("build.json")).isRegularFile();
      assertThat(worker.builds.claim(first, "w-2")).isFalse();
      Thread.sleep(300); // several housekeeping rounds: the second build still needs the segment
      assertThat(journalHoldsNoRecords()).isFalse();
      assertThat(worker.builds.find(second).orElseThrow().status().phase())
          .isEqualTo(BuildPhase.PENDING);

      assertThat(worker.builds.delete(second)).isTrue();
      Path marker = tmp.resolve(DeliveryJournal.DIR).resolve(JournalView.WITHDRAWN_DIR);
      Files.setLastModifiedTime(
          marker.resolve(second), FileTime.from(Instant.now().minus(Duration.ofHours(1))));
      worker.home.journal().sweepWithdrawn(Duration.ZERO);
      assertThat(marker).isNotEmptyDirectory(); // its segment still holds the build
      awaitJournalEmpty();

      assertThat(stores.deliveries.find("d-1")).contains(List.of(first));
      assertThat(tmp.resolve(DirectoryDeliveries.DIR).resolve("d-2.json")).isRegularFile();
      // kept a while after its segment went, however old: a reader may have read the entry
      worker.home.journal().sweepWithdrawn(Duration.ofMinutes(1));
      assertThat(marker).isNotEmptyDirectory();
      worker.home.journal().sweepWithdrawn(Duration.ZERO);
      assertThat(marker).isEmptyDirectory();
      Stores later = new Stores(tmp);
      assertThat(later.builds.find(second)).isEmpty();
      assertThat(later.builds.list(Optional.empty())).extracting(Build::id).containsExactly(first);
      assertThat(intake.accept("d-2", () -> List.of(PUSH)).duplicate()).isTrue();
    }
  }

  @Test
  void aDeletedJournaledBuildCannotBeClaimedOrFoundAndIsNotDeletedTwice() throws Exception {
    Stores stores = new Stores(tmp);
    try (JournaledIntake intake = stores.open()) {
      String id = intake.accept("d-1", () -> List.of(PUSH)).buildIds().getFirst();
      Stores other = new Stores(tmp);

      assertThat(other.builds.delete(id)).isTrue();
      assertThat(other.builds.delete(id)).isFalse();
      assertThat(stores.builds.find(id)).isEmpty();
      assertThat(stores.builds.claim(id, "w")).isFalse();
      assertThat(stores.builds.list(Optional.empty())).isEmpty();
      assertThat(tmp.resolve("builds").resolve(id)).doesNotExist();
    }
  }

  @Test
  void closingLeavesUnclaimedBuildsInTheJournalForTheNextProcess() throws Exception {
    Stores stores = new Stores(tmp);
    Accepted accepted;
    try (JournaledIntake intake = stores.open()) {
      accepted = intake.accept("d-1", () -> List.of(PUSH));
    }

    assertThat(journalHoldsNoRecords()).isFalse();
    Stores next = new Stores(tmp);
    try (JournaledIntake intake = next.open()) {
      assertThat(intake.accept("d-1", () -> List.of(PUSH)))
          .isEqualTo(new Accepted(accepted.buildIds(), true));
      assertThat(next.builds.find(accepted.buildIds().getFirst())).isPresent();
    }
  }

  @Test
  void closingRetiresWhatIsSettled() throws Exception {
    Stores stores = new Stores(tmp);
    try (JournaledIntake intake = stores.open()) {
      String id = intake.accept("d-1", () -> List.of(PUSH)).buildIds().getFirst();
      assertThat(new Stores(tmp).builds.claim(id, "w")).isTrue();
    }

    assertThat(JournalSegments.segments(tmp.resolve(DeliveryJournal.DIR))).isEmpty();
    assertThat(new Stores(tmp).deliveries.find("d-1")).isPresent();
  }

  @Test
  void aRecordThatCannotBeWrittenKeepsItsSegmentUntilItCanBe() throws Exception {
    Stores stores = new Stores(tmp);
    try (JournaledIntake intake =
        JournaledIntake.open(
                stores.home, stores.builds, stores.deliveries, Duration.ofMillis(20), Duration.ZERO)
            .orElseThrow()) {
      Accepted accepted = intake.accept("d-1", () -> List.of(PUSH));
      assertThat(stores.builds.claim(accepted.buildIds().getFirst(), "w")).isTrue();
      Path records = tmp.resolve(DirectoryDeliveries.DIR);
      Files.writeString(records, "not a directory"); // no record can be created
      Thread.sleep(300); // housekeeping tries and fails

      assertThat(journalHoldsNoRecords()).isFalse();
      assertThat(intake.accept("d-1", () -> List.of(PUSH)).duplicate()).isTrue();

      Files.delete(records); // the disk is fixed
      awaitJournalEmpty();
      assertThat(stores.deliveries.find("d-1")).contains(accepted.buildIds());
    }
  }

  @Test
  void aFullSegmentIsClosedAheadOfTheSchedule() throws Exception {
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
    assertThat(new Stores(tmp).builds.list(Optional.empty())).hasSize(20);
  }

  @Test
  void aBrokenJournalStillReleasesItsHomeWhenClosed() throws Exception {
    Stores stores = new Stores(tmp);
    JournaledIntake intake = stores.open();
    String id = intake.accept("d-1", () -> List.of(PUSH)).buildIds().getFirst();
    stores.builds.claim(id, "w");
    Path records = tmp.resolve(DirectoryDeliveries.DIR);
    Files.writeString(records, "not a directory"); // retiring the segment now fails

    assertThatThrownBy(intake::close).isInstanceOf(RuntimeException.class);

    Files.delete(records);
    try (JournaledIntake next = stores.open()) { // the lock was released; the segment is retired
      assertThat(stores.deliveries.find("d-1")).contains(List.of(id));
    }
    assertThat(JournalSegments.segments(tmp.resolve(DeliveryJournal.DIR))).isEmpty();
  }

  @Test
  void aGatewayWithoutTheJournalFindsTheDeliveriesTheJournalHolds() throws Exception {
    Stores stores = new Stores(tmp);
    try (JournaledIntake intake = stores.open()) {
      Accepted first = intake.accept("d-1", () -> List.of(PUSH));
      Stores other = new Stores(tmp);

      Accepted again =
          new RecordedIntake(other.builds, other.deliveries).accept("d-1", () -> List.of(PUSH));

      assertThat(again).isEqualTo(new Accepted(first.buildIds(), true));
    }
  }

  @Test
  void aSegmentOfTheEarlierFormatIsReadAndItsBuildsCanBeClaimed() throws Exception {
    Stores stores = new Stores(tmp);
    JsonFiles json = new JsonFiles();
    String id = "01jv8w3k5d2x7q9m4n6p8r0t2v";
    writeVersion1Segment(id, "d-old");
    Path dir = tmp.resolve(DeliveryJournal.DIR);

    try (JournaledIntake intake = stores.open()) {
      assertThat(stores.builds.find(id).orElseThrow().request()).isEqualTo(PUSH);
      assertThat(intake.accept("d-old", () -> List.of(PUSH)).duplicate()).isTrue();
      assertThat(new Stores(tmp).builds.claim(id, "w")).isTrue();
    }
    assertThat(
            json.read(
                tmp.resolve("builds").resolve(id).resolve("build.json"),
                DirectoryBuildStore.BuildFile.class))
        .get()
        .extracting(b -> b.request())
        .isEqualTo(PUSH);
    assertThat(JournalSegments.segments(dir)).isEmpty(); // retired on close: its build was claimed
  }

  @Test
  void aLongLivedReaderSeesTheDeliveriesOfTheNextGatewayOnTheSameHome() throws Exception {
    Stores reader = new Stores(tmp); // e.g. a serve --local that keeps running
    Stores gateway = new Stores(tmp);
    try (JournaledIntake intake = gateway.open()) {
      String id = intake.accept("d-1", () -> List.of(PUSH)).buildIds().getFirst();
      assertThat(reader.builds.claim(id, "w")).isTrue();
    }
    assertThat(JournalSegments.segments(tmp.resolve(DeliveryJournal.DIR))).isEmpty();

    try (JournaledIntake intake = new Stores(tmp).open()) {
      String next = intake.accept("d-2", () -> List.of(PUSH)).buildIds().getFirst();

      assertThat(reader.builds.find(next)).isPresent();
      assertThat(reader.deliveries.find("d-2")).contains(List.of(next));
    }
  }

  @Test
  void aJournaledBuildWhoseDeliveryAnotherGatewayRecordedFirstNeverRuns() throws Exception {
    Stores stores = new Stores(tmp);
    try (JournaledIntake intake = stores.open()) {
      String ours = intake.accept("d-1", () -> List.of(PUSH)).buildIds().getFirst();
      Stores other = new Stores(tmp);
      String theirs = other.builds.create(PUSH).id();
      other.deliveries.record("d-1", List.of(theirs)); // it looked before our entry was there

      assertThat(other.builds.claim(ours, "w")).isFalse();
      assertThat(other.builds.find(ours)).isEmpty();
      assertThat(other.builds.list(Optional.empty())).extracting(Build::id).containsExactly(theirs);
    }
  }

  @Test
  void aBuildDeletedAfterAnEarlierVersionWroteItDoesNotComeBackFromItsEntry() throws Exception {
    String id = "01jv8w3k5d2x7q9m4n6p8r0t2v";
    writeVersion1Segment(id, "d-old");
    Stores stores = new Stores(tmp);
    stores.deliveries.record("d-old", List.of(id)); // it was written, recorded, then deleted

    try (JournaledIntake intake = stores.open()) {
      assertThat(new Stores(tmp).builds.find(id)).isEmpty();
      assertThat(stores.builds.claim(id, "w")).isFalse();
      assertThat(intake.accept("d-old", () -> List.of(PUSH)).duplicate()).isTrue();
    }
  }

  private void writeVersion1Segment(String id, String deliveryKey) throws IOException {
    byte[] file =
        new JsonFiles()
            .toBytes(
                new DirectoryBuildStore.BuildFile(id, Instant.parse("2026-01-01T00:00:00Z"), PUSH));
    byte[] key = deliveryKey.getBytes(StandardCharsets.UTF_8);
    ByteBuffer v1 = ByteBuffer.allocate(2 + key.length + 4 + 4 + file.length);
    v1.putShort((short) key.length).put(key).putInt(1).putInt(file.length).put(file);
    Path dir = Files.createDirectories(tmp.resolve(DeliveryJournal.DIR));
    ByteBuffer framed = JournalSegments.frame(v1.array());
    Files.write(
        dir.resolve(JournalSegments.name(1)), Arrays.copyOf(framed.array(), framed.limit()));
  }

  private void awaitJournalEmpty() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!journalHoldsNoRecords() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(journalHoldsNoRecords()).isTrue();
  }

  private long activeSegmentSize() throws IOException {
    List<Path> segments = JournalSegments.segments(tmp.resolve(DeliveryJournal.DIR));
    return segments.isEmpty() ? 0 : Files.size(segments.getLast());
  }

  @Test
  void whatACrashLeftInTheJournalIsTakenOverByTheNextIntake() throws Exception {
    Path crashed = tmp.resolve("crashed");
    Accepted accepted = acceptThenCrash(crashed, "d-1");

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
  void aTornBuildFileLeftByACrashIsReadFromTheJournalAndRewritten() throws Exception {
    Path crashed = tmp.resolve("crashed");
    Accepted accepted = acceptThenCrash(crashed, "d-1", true);
    String id = accepted.buildIds().getFirst();
    Path file = crashed.resolve("builds").resolve(id).resolve("build.json");
    Files.writeString(file, "{\"id\":\""); // torn

    Stores after = new Stores(crashed);
    assertThat(after.builds.find(id)).get().extracting(Build::request).isEqualTo(PUSH);
    try (JournaledIntake intake = after.open()) {
      assertThat(Files.size(file)).isGreaterThan(10); // rewritten when the segment was retired
      assertThat(after.builds.find(id)).get().extracting(Build::request).isEqualTo(PUSH);
    }
  }

  @Test
  void aDeliveryRecordACrashLeftEmptyIsRewrittenFromTheJournal() throws Exception {
    Path crashed = tmp.resolve("crashed");
    Accepted accepted = acceptThenCrash(crashed, "d-1", true);
    // killed while retiring: the record was being written in place
    Files.createDirectories(crashed.resolve(DirectoryDeliveries.DIR));
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
  void takingOverDoesNotBringBackABuildDeletedAfterItWasAccepted() throws Exception {
    Path crashed = tmp.resolve("crashed");
    Accepted accepted = acceptThenCrash(crashed, "d-1");
    Stores after = new Stores(crashed);
    after.builds.delete(accepted.buildIds().getFirst()); // e.g. brig build delete, then a crash

    try (JournaledIntake intake = after.open()) {
      assertThat(after.builds.list(Optional.empty())).isEmpty();
    }
    assertThat(new Stores(crashed).builds.list(Optional.empty())).isEmpty();
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
  void oneThreadCanHaveManyDeliveriesInFlightAndEachAnswerComesOnlyOnceOthersCanReadIt()
      throws Exception {
    Stores stores = new Stores(tmp);
    try (JournaledIntake intake = stores.open()) {
      List<CompletableFuture<Boolean>> readableWhenAnswered = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        String key = "d-" + i;
        readableWhenAnswered.add(
            intake
                .acceptAsync(key, () -> List.of(PUSH))
                .thenApply(
                    a -> {
                      Stores other = new Stores(tmp);
                      return !a.duplicate()
                          && other.deliveries.find(key).orElseThrow().equals(a.buildIds())
                          && other.builds.find(a.buildIds().getFirst()).isPresent();
                    })
                .toCompletableFuture());
      }
      // a redelivery while the first is in flight or done: the same builds, nothing stored twice
      Accepted again =
          intake
              .acceptAsync("d-7", () -> List.of(PUSH))
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);

      assertThat(readableWhenAnswered)
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
    return acceptThenCrash(crashed, key, false);
  }

  /** {@link #acceptThenCrash(Path, String)}, the builds claimed first when {@code claimed}. */
  private Accepted acceptThenCrash(Path crashed, String key, boolean claimed) throws Exception {
    Path home = tmp.resolve("home");
    Stores stores = new Stores(home);
    try (JournaledIntake intake = stores.open()) {
      Accepted accepted = intake.accept(key, () -> List.of(PUSH));
      if (claimed) {
        accepted.buildIds().forEach(id -> stores.builds.claim(id, "w"));
      }
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
