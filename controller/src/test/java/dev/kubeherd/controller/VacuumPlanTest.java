package dev.kubeherd.controller;

import static dev.kubeherd.controller.TestBuilds.T0;
import static dev.kubeherd.controller.TestBuilds.build;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VacuumPlanTest {
  private static final Instant NOW = T0.plus(Duration.ofHours(10));

  @Test
  void ageLimitDeletesOnlyOlderFinishedBuilds() {
    List<Build> builds =
        List.of(
            build("old-ok", "p", 0, BuildPhase.SUCCEEDED),
            build("old-failed", "p", 1, BuildPhase.FAILED),
            build("new", "p", 9 * 60, BuildPhase.SUCCEEDED));

    assertThat(ids(VacuumPlan.plan(builds, new VacuumPolicy(Duration.ofHours(5), -1), NOW)))
        .containsExactly("old-failed", "old-ok");
  }

  @Test
  void countLimitKeepsTheNewest() {
    List<Build> builds =
        List.of(
            build("1", "p", 1, BuildPhase.SUCCEEDED),
            build("2", "p", 2, BuildPhase.SUCCEEDED),
            build("3", "p", 3, BuildPhase.SUCCEEDED),
            build("4", "p", 4, BuildPhase.SUCCEEDED));

    assertThat(ids(VacuumPlan.plan(builds, new VacuumPolicy(Duration.ZERO, 2), NOW)))
        .containsExactly("2", "1");
  }

  @Test
  void neverDeletesPendingRunningOrUnknownBuilds() {
    List<Build> builds =
        List.of(
            build("pending", "p", 0, BuildPhase.PENDING),
            build("running", "p", 1, BuildPhase.RUNNING),
            build("unknown", "p", 2, BuildPhase.UNKNOWN),
            build("done", "p", 3, BuildPhase.SUCCEEDED),
            build("newest", "p", 4, BuildPhase.RUNNING));

    assertThat(ids(VacuumPlan.plan(builds, new VacuumPolicy(Duration.ofMinutes(1), 1), NOW)))
        .containsExactly("done");
  }

  @Test
  void aPolicyWithoutAnyLimitIsRefused() {
    assertThatThrownBy(() -> new VacuumPolicy(Duration.ZERO, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("set a maximum age greater than zero or a maximum number of builds");
  }

  private static List<String> ids(List<Build> builds) {
    return builds.stream().map(Build::id).toList();
  }
}
