package dev.kubeherd.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.ForwardingBuildStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCleanupTest {
  private static final BuildRequest REQUEST = BuildRequest.of("brigade-p", "push", "github");

  @TempDir Path tmp;

  @Test
  void aBuildNoWorkerClaimedIsDeletedAndCanNoLongerBeClaimed() {
    DirectoryBuildStore builds = new DirectoryBuildStore(new LocalHome(tmp), Clock.systemUTC());
    String id = builds.create(REQUEST).id();
    RuntimeException failure = new IllegalStateException("record failed");

    BuildCleanup.withdrawAfter(failure, builds, List.of(id));

    assertThat(builds.find(id)).isEmpty();
    assertThat(builds.claim(id, "worker-late")).isFalse();
    assertThat(failure.getSuppressed()).isEmpty();
  }

  @Test
  void aBuildAWorkerAlreadyStartedIsStoppedAndKeptNotDeletedUnderIt() {
    DirectoryBuildStore builds = new DirectoryBuildStore(new LocalHome(tmp), Clock.systemUTC());
    String id = builds.create(REQUEST).id();
    assertThat(builds.claim(id, "worker-1")).isTrue();

    BuildCleanup.withdrawAfter(new IllegalStateException("disk full"), builds, List.of(id));

    Build kept = builds.find(id).orElseThrow();
    assertThat(kept.status().phase()).isEqualTo(BuildPhase.FAILED);
    assertThat(kept.status().exitCode()).hasValue(BuildCancel.EXIT_CODE);
    assertThat(kept.status().message())
        .contains("could not be recorded", "deliver it again")
        .doesNotContain("disk full"); // the store's error is for the log, not users or GitHub
    assertThat(kept.status().worker()).isEqualTo("worker-1");
  }

  /**
   * A worker's claim racing the withdrawal: whoever wins, a build a worker was handed is never
   * deleted under it, and a build nobody started is gone.
   */
  @Test
  void aClaimRacingAWithdrawalNeverLeavesAWorkerWithADeletedBuild() throws Exception {
    DirectoryBuildStore builds = new DirectoryBuildStore(new LocalHome(tmp), Clock.systemUTC());
    int workerWon = 0;
    for (int i = 0; i < 200; i++) {
      String id = builds.create(REQUEST).id();
      CountDownLatch go = new CountDownLatch(1);
      CompletableFuture<Boolean> claimed =
          CompletableFuture.supplyAsync(
              () -> {
                await(go);
                return builds.claim(id, "worker");
              });
      CompletableFuture<Void> withdrawn =
          CompletableFuture.runAsync(
              () -> {
                await(go);
                BuildCleanup.withdrawAfter(new IllegalStateException("x"), builds, List.of(id));
              });
      go.countDown();
      withdrawn.join();
      Optional<Build> after = builds.find(id);
      if (claimed.join()) {
        workerWon++;
        assertThat(after).as("build %s, claimed by the worker", id).isPresent();
        assertThat(after.get().status().phase()).isEqualTo(BuildPhase.FAILED);
      } else {
        assertThat(after).as("build %s, withdrawn before any worker had it", id).isEmpty();
      }
    }
    assertThat(workerWon).as("races the worker won").isPositive();
  }

  @Test
  void aDuplicateOfADeliveryAnotherGatewayStoredFirstIsWithdrawnTheSameWay() {
    DirectoryBuildStore builds = new DirectoryBuildStore(new LocalHome(tmp), Clock.systemUTC());
    String idle = builds.create(REQUEST).id();
    String started = builds.create(REQUEST).id();
    builds.claim(started, "worker-1");

    BuildCleanup.withdrawDuplicates(builds, List.of(idle, started));

    assertThat(builds.find(idle)).isEmpty();
    assertThat(builds.find(started).orElseThrow().status().message())
        .contains("another gateway stored the same delivery first");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Disk full: the worker's claim stands, and the withdrawal cannot even write a status. */
  @Test
  void aBuildAWorkerHoldsIsNeverDeletedEvenWhenFailingItFails() {
    DirectoryBuildStore store = new DirectoryBuildStore(new LocalHome(tmp), Clock.systemUTC());
    String id = store.create(REQUEST).id();
    assertThat(store.claim(id, "worker-1")).isTrue();
    BuildStore full =
        new ForwardingBuildStore(store) {
          @Override
          public BuildStatus updateStatus(String buildId, UnaryOperator<BuildStatus> change) {
            throw new UncheckedIOException(new IOException("No space left on device"));
          }

          @Override
          public boolean failUnlessEnded(String buildId, int code, Instant at, String message) {
            throw new UncheckedIOException(new IOException("No space left on device"));
          }
        };
    RuntimeException failure = new IllegalStateException("record failed");

    BuildCleanup.withdrawAfter(failure, full, List.of(id));

    assertThat(store.find(id)).as("the worker's build").isPresent();
    assertThat(failure.getSuppressed())
        .singleElement()
        .satisfies(e -> assertThat(e).hasMessageContaining("No space left on device"));
  }
}
