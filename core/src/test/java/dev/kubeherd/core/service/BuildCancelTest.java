package dev.kubeherd.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.BuildNotFoundException;
import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCancelTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir Path tmp;
  DirectoryBuildStore builds;
  BuildCancel cancel;

  @BeforeEach
  void stores() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    builds = new DirectoryBuildStore(new LocalHome(tmp), clock);
    cancel = new BuildCancel(builds, clock);
  }

  private Build build() {
    return builds.create(BuildRequest.of("brigade-p", "exec", "brigade-cli"));
  }

  @Test
  void aPendingBuildIsClaimedAndFailedSoNoWorkerCanStartIt() {
    Build b = build();

    BuildCancel.Result result = cancel.cancel(b.id(), "me", "stopped by a test");

    assertThat(result.outcome()).isEqualTo(BuildCancel.Outcome.CANCELLED_BEFORE_START);
    assertThat(result.build().status().phase()).isEqualTo(BuildPhase.FAILED);
    assertThat(builds.claim(b.id(), "late")).isFalse();
    var stored = builds.find(b.id()).orElseThrow().status();
    assertThat(stored.exitCode()).hasValue(BuildCancel.EXIT_CODE);
    assertThat(stored.message()).isEqualTo("stopped by a test");
    assertThat(stored.finishedAt()).hasValue(NOW);
  }

  @Test
  void aRunningBuildIsMarkedFailedKeepingItsWorker() {
    Build b = build();
    builds.claim(b.id(), "worker-1");

    BuildCancel.Result result = cancel.cancel(b.id(), "me", "stop");

    assertThat(result.outcome()).isEqualTo(BuildCancel.Outcome.CANCELLED);
    assertThat(builds.find(b.id()).orElseThrow().status().worker()).isEqualTo("worker-1");
  }

  @Test
  void aFinishedBuildIsLeftAsItIs() {
    Build b = build();
    builds.claim(b.id(), "w");
    var done = builds.find(b.id()).orElseThrow().status().finished(true, 0, NOW, "");
    builds.updateStatus(b.id(), done);

    BuildCancel.Result result = cancel.cancel(b.id(), "me", "stop");

    assertThat(result.outcome()).isEqualTo(BuildCancel.Outcome.ALREADY_FINISHED);
    assertThat(builds.find(b.id()).orElseThrow().status()).isEqualTo(done);
  }

  @Test
  void anUnknownBuildIsNotFound() {
    assertThatThrownBy(() -> cancel.cancel("01hzzzzzzzzzzzzzzzzzzzzzzz", "me", "stop"))
        .isInstanceOf(BuildNotFoundException.class)
        .hasMessageContaining("01hzzzzzzzzzzzzzzzzzzzzzzz");
  }

  @Test
  void aCancelRacingAServersClaimIsNeverUndoneByIt() throws Exception {
    int rounds = 300;
    java.util.List<String> undone = new java.util.ArrayList<>();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      for (int i = 0; i < rounds; i++) {
        Build b = build();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        var claimed =
            pool.submit(
                () -> {
                  go.await();
                  return builds.claim(b.id(), "server");
                });
        var cancelled =
            pool.submit(
                () -> {
                  go.await();
                  return cancel.cancel(b.id(), "brig", "cancelled").outcome();
                });
        go.countDown();
        boolean serverRuns = claimed.get();
        BuildCancel.Outcome outcome = cancelled.get();
        BuildPhase end = builds.find(b.id()).orElseThrow().status().phase();
        // a cancel that answered "cancelled" stands; one before the start leaves nothing to run
        boolean stands = outcome == BuildCancel.Outcome.FINISHED_FIRST || end == BuildPhase.FAILED;
        boolean notRun = outcome != BuildCancel.Outcome.CANCELLED_BEFORE_START || !serverRuns;
        if (!stands || !notRun) {
          undone.add(b.id() + ": " + outcome + ", then " + end + (serverRuns ? ", launched" : ""));
        }
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(undone).as("cancels the claim undid, of %d", rounds).isEmpty();
  }
}
