package dev.kubeherd.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.BuildNotFoundException;
import dev.kubeherd.core.DeliveryNotFoundException;
import dev.kubeherd.core.ProjectNotFoundException;
import dev.kubeherd.core.StoreUnavailableException;
import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.DirectoryDeliveries;
import dev.kubeherd.core.local.DirectoryProjectStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.Revision;
import dev.kubeherd.core.port.BuildStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryReplayTest {
  @TempDir Path tmp;

  private DirectoryBuildStore builds;
  private DirectoryDeliveries deliveries;
  private DeliveryReplay replay;
  private DirectoryProjectStore projects;

  @BeforeEach
  void stores() {
    LocalHome home = new LocalHome(tmp);
    builds = new DirectoryBuildStore(home, Clock.systemUTC());
    deliveries = new DirectoryDeliveries(home);
    projects = new DirectoryProjectStore(home);
    projects.create(new Project("brigade-p", "acme/p", "default", Map.of()));
    replay = new DeliveryReplay(deliveries, builds, projects);
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

  @Test
  void deliveryWhoseProjectWasDeletedCreatesNothing() {
    String build = build("push");
    deliveries.record("d-5", List.of(build));
    projects.delete("brigade-p");

    assertThatThrownBy(() -> replay.replay("d-5"))
        .isInstanceOf(ProjectNotFoundException.class)
        .hasMessageContaining("the project brigade-p of build " + build)
        .hasMessageContaining("no longer exists");
    assertThat(builds.list(java.util.Optional.empty()))
        .containsExactly(builds.find(build).orElseThrow());
  }

  @Test
  void aReplayThatCannotStoreEveryBuildLeavesNoneSoItsRetryRunsTheEventOnce() {
    List<String> original = List.of(build("pull_request"), build("pull_request:opened"));
    deliveries.record("d-3", original);
    BuildStore failsOnSecond = new SecondCreateFails(builds);
    int before = builds.list(Optional.empty()).size();

    assertThatThrownBy(() -> new DeliveryReplay(deliveries, failsOnSecond, projects).replay("d-3"))
        .isInstanceOf(StoreUnavailableException.class);

    assertThat(builds.list(Optional.empty())).hasSize(before);
    assertThat(replay.replay("d-3").replayed()).hasSize(2); // the retry
    assertThat(builds.list(Optional.empty())).hasSize(before + 2);
  }

  @Test
  void eachBuildIsRefreshedBeforeAnythingIsStoredAndAFailedRefreshStoresNothing() {
    List<String> original = List.of(build("check_run"), build("check_run:rerequested"));
    deliveries.record("d-4", original);
    int before = builds.list(Optional.empty()).size();

    DeliveryReplay.Result result =
        new DeliveryReplay(deliveries, builds, projects, r -> r.withPayload("{\"renewed\":true}"))
            .replay("d-4");
    assertThat(result.replayed())
        .allSatisfy(
            id ->
                assertThat(builds.find(id).orElseThrow().request().payload())
                    .isEqualTo("{\"renewed\":true}"));

    UnaryOperator<BuildRequest> failsOnSecond =
        new UnaryOperator<>() {
          int calls;

          @Override
          public BuildRequest apply(BuildRequest r) {
            if (++calls == 2) {
              throw new IllegalStateException("no new token");
            }
            return r;
          }
        };
    assertThatThrownBy(
            () -> new DeliveryReplay(deliveries, builds, projects, failsOnSecond).replay("d-4"))
        .hasMessage("no new token");
    assertThat(builds.list(Optional.empty())).hasSize(before + 2);
  }
}
