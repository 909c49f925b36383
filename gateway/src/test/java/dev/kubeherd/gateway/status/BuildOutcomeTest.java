package dev.kubeherd.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BuildOutcomeTest {
  private final Build build = TestBuilds.pending("b1", "push", TestBuilds.PUSH);

  @Test
  void pendingBuildsAreNotReported() {
    assertThat(BuildOutcome.of(build.status())).isEmpty();
  }

  @Test
  void runningAndSucceededBuildsAreReportedAsSuch() {
    assertThat(BuildOutcome.of(TestBuilds.running(build).status())).contains(BuildOutcome.RUNNING);
    assertThat(BuildOutcome.of(TestBuilds.succeeded(build).status()))
        .contains(BuildOutcome.SUCCESS);
  }

  @Test
  void aBuildWhoseWorkerReportedExitCodeOneFailed() {
    assertThat(BuildOutcome.of(TestBuilds.failed(build, "job test failed").status()))
        .contains(BuildOutcome.FAILURE);
  }

  @Test
  void aBuildThatNoWorkerTookIsAnError() {
    assertThat(BuildOutcome.of(TestBuilds.failedUnclaimed(build, "project gone").status()))
        .contains(BuildOutcome.ERROR);
  }

  @Test
  void aBuildWhoseWorkerWasKilledOrCancelledIsAnError() {
    BuildStatus killed =
        TestBuilds.running(build).status().finished(false, 137, Instant.now(), "OOMKilled");

    assertThat(BuildOutcome.of(killed)).contains(BuildOutcome.ERROR);
  }
}
