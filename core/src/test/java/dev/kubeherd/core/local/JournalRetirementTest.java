package dev.kubeherd.core.local;

import static dev.kubeherd.core.local.JournalFixture.PUSH;
import static dev.kubeherd.core.local.JournalFixture.awaitJournalEmpty;
import static dev.kubeherd.core.local.JournalFixture.journalHoldsNoRecords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.local.JournalFixture.Stores;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.port.DeliveryIntake.Accepted;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the journal lets go of a segment, and what it writes then. */
class JournalRetirementTest {
  @TempDir Path tmp;

  @Test
  void aClaimWritesTheBuildsDirectoryAndASegmentRetiresOnceAllItsBuildsAreSettled()
      throws Exception {
    Stores stores = new Stores(tmp);
    try (JournaledIntake intake =
        JournaledIntake.open(
                stores.home, stores.builds, stores.deliveries, Duration.ofMillis(20), Duration.ZERO)
            .orElseThrow()) {
      String first = intake.accept("d-1", () -> List.of(PUSH)).buildIds().getFirst();
      // two builds in one entry: the third keeps the segment while the second is withdrawn
      List<String> secondAndThird = intake.accept("d-2", () -> List.of(PUSH, PUSH)).buildIds();
      String second = secondAndThird.get(0);
      String third = secondAndThird.get(1);
      Stores worker = new Stores(tmp);

      assertThat(worker.builds.claim(first, "w-1")).isTrue();
      assertThat(tmp.resolve("builds").resolve(first).resolve("build.json")).isRegularFile();
      assertThat(worker.builds.claim(first, "w-2")).isFalse();
      Thread.sleep(300); // several housekeeping rounds: the second build still needs the segment
      assertThat(journalHoldsNoRecords(tmp)).isFalse();
      assertThat(worker.builds.find(second).orElseThrow().status().phase())
          .isEqualTo(BuildPhase.PENDING);

      assertThat(worker.builds.delete(second)).isTrue();
      Path marker = tmp.resolve(DeliveryJournal.DIR).resolve(JournalView.WITHDRAWN_DIR);
      Files.setLastModifiedTime(
          marker.resolve(second), FileTime.from(Instant.now().minus(Duration.ofHours(1))));
      worker.home.journal().sweepWithdrawn(Duration.ZERO);
      assertThat(marker).isNotEmptyDirectory(); // its segment still holds the build
      assertThat(journalHoldsNoRecords(tmp)).isFalse(); // the third build is pending

      assertThat(worker.builds.delete(third)).isTrue();
      awaitJournalEmpty(tmp);

      assertThat(stores.deliveries.find("d-1")).contains(List.of(first));
      assertThat(tmp.resolve(DirectoryDeliveries.DIR).resolve("d-2.json")).isRegularFile();
      // kept a while after its segment went, however old: a reader may have read the entry
      worker.home.journal().sweepWithdrawn(Duration.ofMinutes(1));
      assertThat(marker).isNotEmptyDirectory();
      worker.home.journal().sweepWithdrawn(Duration.ZERO);
      assertThat(marker).isEmptyDirectory();
      Stores later = new Stores(tmp);
      assertThat(later.builds.find(second)).isEmpty();
      assertThat(later.builds.find(third)).isEmpty();
      assertThat(later.builds.list(Optional.empty())).extracting(Build::id).containsExactly(first);
      assertThat(intake.accept("d-2", () -> List.of(PUSH, PUSH)).duplicate()).isTrue();
    }
  }

  @Test
  void closingLeavesUnclaimedBuildsInTheJournalForTheNextProcess() throws Exception {
    Stores stores = new Stores(tmp);
    Accepted accepted;
    try (JournaledIntake intake = stores.open()) {
      accepted = intake.accept("d-1", () -> List.of(PUSH));
    }

    assertThat(journalHoldsNoRecords(tmp)).isFalse();
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
                stores.home,
                stores.builds,
                stores.deliveries,
                Duration.ofMillis(20),
                Duration.ofMillis(300)) // time to break the disk before the first try
            .orElseThrow()) {
      Accepted accepted = intake.accept("d-1", () -> List.of(PUSH));
      assertThat(stores.builds.claim(accepted.buildIds().getFirst(), "w")).isTrue();
      Path records = tmp.resolve(DirectoryDeliveries.DIR);
      Files.writeString(records, "not a directory"); // no record can be created
      Thread.sleep(700); // housekeeping tries and fails

      assertThat(journalHoldsNoRecords(tmp)).isFalse();
      assertThat(intake.accept("d-1", () -> List.of(PUSH)).duplicate()).isTrue();

      Files.delete(records); // the disk is fixed
      awaitJournalEmpty(tmp);
      assertThat(stores.deliveries.find("d-1")).contains(accepted.buildIds());
    }
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
}
