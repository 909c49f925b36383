package dev.kubeherd.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.BuildNotFoundException;
import dev.kubeherd.core.DeliveryNotFoundException;
import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.DirectoryDeliveries;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Revision;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryReplayTest {
  @TempDir Path tmp;

  private DirectoryBuildStore builds;
  private DirectoryDeliveries deliveries;
  private DeliveryReplay replay;

  @BeforeEach
  void stores() {
    LocalHome home = new LocalHome(tmp);
    builds = new DirectoryBuildStore(home, Clock.systemUTC());
    deliveries = new DirectoryDeliveries(home);
    replay = new DeliveryReplay(deliveries, builds);
  }

  private String build(String type) {
    BuildRequest request =
        new BuildRequest(
            "brigade-p",
            type,
            "github",
            new Revision("c0ffee", "refs/pull/7/head"),
            "{\"number\":7}",
            "",
            "",
            "",
            "PR #7",
            "",
            "");
    return builds.create(request).id();
  }

  @Test
  void replayStoresEveryBuildOfTheDeliveryAgainAsNewPendingBuilds() {
    List<String> original = List.of(build("pull_request"), build("pull_request:opened"));
    deliveries.record("d-1", original);

    DeliveryReplay.Result result = replay.replay("d-1");

    assertThat(result.original()).isEqualTo(original);
    assertThat(result.replayed()).hasSize(2).doesNotContainAnyElementsOf(original);
    for (int i = 0; i < 2; i++) {
      var before = builds.find(original.get(i)).orElseThrow();
      var after = builds.find(result.replayed().get(i)).orElseThrow();
      assertThat(after.request()).isEqualTo(before.request());
      assertThat(after.status().phase()).isEqualTo(BuildPhase.PENDING);
    }
    assertThat(deliveries.find("d-1")).contains(original);
  }

  @Test
  void unknownDeliveryIsRefusedWithHowToRedeliver() {
    assertThatThrownBy(() -> replay.replay("d-404"))
        .isInstanceOf(DeliveryNotFoundException.class)
        .hasMessageContaining("d-404")
        .hasMessageContaining("redeliver");
  }

  @Test
  void deliveryWhoseBuildWasVacuumedCreatesNothing() {
    String kept = build("push");
    String gone = build("push");
    deliveries.record("d-2", List.of(kept, gone));
    builds.delete(gone);

    assertThatThrownBy(() -> replay.replay("d-2"))
        .isInstanceOf(BuildNotFoundException.class)
        .hasMessageContaining(gone);
    assertThat(builds.list(java.util.Optional.empty())).hasSize(1);
  }
}
