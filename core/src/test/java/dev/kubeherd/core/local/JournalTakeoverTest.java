package dev.kubeherd.core.local;

import static dev.kubeherd.core.local.JournalFixture.PUSH;
import static dev.kubeherd.core.local.JournalFixture.acceptThenCrash;
import static dev.kubeherd.core.local.JournalFixture.writeVersion1Segment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.local.JournalFixture.Stores;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.port.DeliveryIntake.Accepted;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a gateway finds in the journal when it starts: a crash, an earlier version, a restart. */
class JournalTakeoverTest {
  @TempDir Path tmp;

  @Test
  void aSegmentOfTheEarlierFormatIsReadAndItsBuildsCanBeClaimed() throws Exception {
    Stores stores = new Stores(tmp);
    JsonFiles json = new JsonFiles();
    String id = "01jv8w3k5d2x7q9m4n6p8r0t2v";
    writeVersion1Segment(tmp, id, "d-old");
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
  void aBuildDeletedAfterAnEarlierVersionWroteItDoesNotComeBackFromItsEntry() throws Exception {
    String id = "01jv8w3k5d2x7q9m4n6p8r0t2v";
    writeVersion1Segment(tmp, id, "d-old");
    Stores stores = new Stores(tmp);
    stores.deliveries.record("d-old", List.of(id)); // it was written, recorded, then deleted

    try (JournaledIntake intake = stores.open()) {
      assertThat(new Stores(tmp).builds.find(id)).isEmpty();
      assertThat(stores.builds.claim(id, "w")).isFalse();
      assertThat(intake.accept("d-old", () -> List.of(PUSH)).duplicate()).isTrue();
    }
  }

  @Test
  void whatACrashLeftInTheJournalIsTakenOverByTheNextIntake() throws Exception {
    Path crashed = tmp.resolve("crashed");
    Accepted accepted = acceptThenCrash(tmp, crashed, "d-1");

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
    Accepted accepted = acceptThenCrash(tmp, crashed, "d-1", true);
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
    Accepted accepted = acceptThenCrash(tmp, crashed, "d-1", true);
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
    Accepted accepted = acceptThenCrash(tmp, crashed, "d-1");
    Stores after = new Stores(crashed);
    after.builds.delete(accepted.buildIds().getFirst()); // e.g. brig build delete, then a crash

    try (JournaledIntake intake = after.open()) {
      assertThat(after.builds.list(Optional.empty())).isEmpty();
    }
    assertThat(new Stores(crashed).builds.list(Optional.empty())).isEmpty();
  }
}
