package dev.kubeherd.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.StoreUnavailableException;
import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.DirectoryDeliveries;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.port.Deliveries;
import dev.kubeherd.core.port.DeliveryIntake;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordedIntakeTest {
  private static final BuildRequest REQUEST = BuildRequest.of("brigade-p", "cloudevent", "x");

  @TempDir Path tmp;

  @Test
  void aDeliveryRecordedByAnotherProcessMeanwhileKeepsOnlyItsBuilds() throws Exception {
    DirectoryBuildStore builds = new DirectoryBuildStore(new LocalHome(tmp), Clock.systemUTC());
    String theirs = builds.create(REQUEST).id();
    Deliveries racedBy =
        new Deliveries() {
          @Override
          public Optional<List<String>> find(String deliveryId) {
            return Optional.empty(); // not recorded yet when we looked
          }

          @Override
          public List<String> record(String deliveryId, List<String> buildIds) {
            return List.of(theirs); // but the other process won the record
          }
        };

    DeliveryIntake.Accepted stored =
        new RecordedIntake(builds, racedBy).accept("k", () -> List.of(REQUEST));

    assertThat(stored.buildIds()).containsExactly(theirs);
    assertThat(stored.duplicate()).isTrue();
    assertThat(builds.list(Optional.empty())).extracting(b -> b.id()).containsExactly(theirs);
  }

  @Test
  void aDeliveryWhoseRecordCannotBeWrittenLeavesNoBuildSoItsRedeliveryRunsOnce() throws Exception {
    LocalHome home = new LocalHome(tmp);
    DirectoryBuildStore builds = new DirectoryBuildStore(home, Clock.systemUTC());
    DirectoryDeliveries records = new DirectoryDeliveries(home);
    AtomicBoolean diskFull = new AtomicBoolean(true);
    Deliveries failing =
        new Deliveries() {
          @Override
          public Optional<List<String>> find(String deliveryId) {
            return records.find(deliveryId);
          }

          @Override
          public List<String> record(String deliveryId, List<String> buildIds) {
            if (diskFull.get()) {
              throw new UncheckedIOException(new java.io.IOException("No space left on device"));
            }
            return records.record(deliveryId, buildIds);
          }
        };
    RecordedIntake intake = new RecordedIntake(builds, failing);

    assertThatThrownBy(() -> intake.accept("k", () -> List.of(REQUEST, REQUEST)))
        .hasMessageContaining("No space left on device");
    assertThat(builds.list(Optional.empty())).isEmpty(); // nothing left to run

    diskFull.set(false); // the redelivery
    DeliveryIntake.Accepted again = intake.accept("k", () -> List.of(REQUEST, REQUEST));

    assertThat(again.duplicate()).isFalse();
    assertThat(builds.list(Optional.empty()))
        .extracting(b -> b.id())
        .containsExactlyInAnyOrderElementsOf(again.buildIds());
  }

  @Test
  void anEventWithoutAKeyIsStoredAllOrNone() {
    LocalHome home = new LocalHome(tmp);
    DirectoryBuildStore builds = new DirectoryBuildStore(home, Clock.systemUTC());
    RecordedIntake intake =
        new RecordedIntake(new SecondCreateFails(builds), new DirectoryDeliveries(home));

    assertThatThrownBy(() -> intake.acceptUnkeyed(List.of(REQUEST, REQUEST)))
        .isInstanceOf(StoreUnavailableException.class);

    assertThat(builds.list(Optional.empty())).isEmpty(); // the resend is the event's only run
  }
}
