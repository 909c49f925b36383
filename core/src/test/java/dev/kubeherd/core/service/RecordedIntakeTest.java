package dev.kubeherd.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.port.Deliveries;
import dev.kubeherd.core.port.DeliveryIntake;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
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
}
