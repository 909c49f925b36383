package dev.kubeherd.core.local;

import static dev.kubeherd.core.local.JournalFixture.PUSH;
import static dev.kubeherd.core.local.JournalFixture.PUSH_AGAIN;
import static dev.kubeherd.core.local.JournalFixture.activeSegmentSize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.local.JournalFixture.Stores;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.port.DeliveryIntake.Accepted;
import dev.kubeherd.core.port.DeliveryIntake.Requests;
import dev.kubeherd.core.service.RecordedIntake;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accepting deliveries: what the journal holds, who sees it, and dedupe. */
class JournaledIntakeTest {
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
        while (activeSegmentSize(tmp) >= limit && System.nanoTime() < deadline) {
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
  void aPayloadIsStoredAsTheBytesTheCallerDecodedItFromAndEncodedOtherwise() throws Exception {
    byte[] received = {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'}; // 0xFF: not UTF-8
    String text = new String(received, StandardCharsets.UTF_8); // 0xFF became U+FFFD
    byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
    BuildRequest push = PUSH.withPayload(text);
    Stores stores = new Stores(tmp);
    try (JournaledIntake intake = stores.open()) {
      Accepted asReceived =
          intake.accept(
              "d-1",
              new Requests() {
                @Override
                public List<BuildRequest> get() {
                  return List.of(push);
                }

                @Override
                public Optional<byte[]> utf8(String payload) {
                  return payload.equals(text) ? Optional.of(received) : Optional.empty();
                }
              });
      assertThat(indexIn(journalBytes(), received)).isNotNegative();
      assertThat(indexIn(journalBytes(), encoded)).isNegative();

      intake.accept("d-2", () -> List.of(push));
      assertThat(indexIn(journalBytes(), encoded)).isNotNegative();
      Build read = new Stores(tmp).builds.find(asReceived.buildIds().getFirst()).orElseThrow();
      assertThat(read.request().payload()).isEqualTo(text);
    }
  }

  private byte[] journalBytes() throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (Path segment : JournalSegments.segments(tmp.resolve(DeliveryJournal.DIR))) {
      all.writeBytes(Files.readAllBytes(segment));
    }
    return all.toByteArray();
  }

  private static int indexIn(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    return -1;
  }
}
