package dev.kubeherd.worker.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.local.DirectoryBuildFeed;
import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.DirectoryProjectStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.WorkerMode;
import dev.kubeherd.core.port.ForwardingBuildStore;
import dev.kubeherd.core.port.WorkerLauncher;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pool's slots when a claim fails or is cut short, on the real directory stores and feed. */
class WorkerPoolSlotTest {
  static final String PROJECT = "brigade-pooled";

  @TempDir Path dir;
  LocalHome home;
  DirectoryBuildStore store;
  final List<String> launched = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    home = new LocalHome(dir);
    store = new DirectoryBuildStore(home, Clock.systemUTC());
    new DirectoryProjectStore(home)
        .create(new Project(PROJECT, "acme/pooled", "default", Map.of("repository", "acme/p")));
  }

  /** The store, its first claim failing as an unavailable API server would; then cleared. */
  private ForwardingBuildStore failingFirstClaim(AtomicBoolean failOnce) {
    return new ForwardingBuildStore(store) {
      @Override
      public boolean claim(String id, String worker) {
        if (failOnce.getAndSet(false)) {
          throw new IllegalStateException("claim build " + id + ": API server unavailable");
        }
        return super.claim(id, worker);
      }
    };
  }

  @Test
  void aClaimThatFailsGivesItsSlotBackSoTheNextBuildStillRuns() throws Exception {
    AtomicBoolean failOnce = new AtomicBoolean(true);
    ForwardingBuildStore builds = failingFirstClaim(failOnce);
    try (WorkerPool pool = pool(builds, b -> ended(b))) {
      Build first = store.create(request());
      awaitUntil(() -> !failOnce.get());
      Build second = store.create(request());

      awaitUntil(() -> launched.contains(second.id()));
      assertThat(launched).first().isEqualTo(second.id()); // before the first's claim is retried
    }
  }

  @Test
  void aBuildWhoseClaimFailedOnceIsClaimedAgainLaterAndRuns() throws Exception {
    AtomicBoolean failOnce = new AtomicBoolean(true);
    ForwardingBuildStore builds = failingFirstClaim(failOnce);
    try (WorkerPool pool = pool(builds, b -> ended(b))) {
      Build build = store.create(request());
      awaitUntil(() -> !failOnce.get()); // the API is back; the feed does not deliver it again

      awaitUntil(() -> launched.contains(build.id()));
      assertThat(store.find(build.id()).orElseThrow().status().worker()).contains("pool/replica-0");
    }
  }

  @Test
  void aBuildDeletedAfterItsClaimFailedIsNotClaimedAgain() throws Exception {
    List<String> claims = new CopyOnWriteArrayList<>();
    AtomicBoolean failOnce = new AtomicBoolean(true);
    ForwardingBuildStore builds =
        new ForwardingBuildStore(store) {
          @Override
          public boolean claim(String id, String worker) {
            claims.add(id);
            if (failOnce.getAndSet(false)) {
              store.delete(id); // withdrawn while the API call failed
              throw new IllegalStateException("claim build " + id + ": API server unavailable");
            }
            return super.claim(id, worker);
          }
        };
    try (WorkerPool pool = pool(builds, b -> ended(b))) {
      Build build = store.create(request());
      awaitUntil(() -> !failOnce.get());

      Thread.sleep(WorkerPool.FIRST_CLAIM_RETRY.multipliedBy(2).toMillis());
      assertThat(claims).containsExactly(build.id());
      assertThat(launched).isEmpty();
    }
  }

  @Test
  void closingThePoolDuringAClaimReleasesWhatWaitsForItsBuilds() throws Exception {
    CountDownLatch inClaim = new CountDownLatch(1);
    ForwardingBuildStore builds =
        new ForwardingBuildStore(store) {
          @Override
          public boolean claim(String id, String worker) {
            inClaim.countDown();
            try {
              Thread.sleep(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt(); // as the Kubernetes client reports it
              throw new IllegalStateException("claim build " + id + " interrupted", e);
            }
            return super.claim(id, worker);
          }
        };
    CountDownLatch released = new CountDownLatch(1);
    WorkerPool pool =
        pool(builds, b -> new CompletableFuture<>()).closingAfterBuilds(released::countDown);
    store.create(request());
    inClaim.await();

    pool.close();

    awaitUntil(() -> released.getCount() == 0);
    assertThat(pool.running()).isZero();
    assertThat(launched).isEmpty();
  }

  private CompletableFuture<BuildStatus> ended(Build build) {
    return CompletableFuture.completedFuture(BuildStatus.pending());
  }

  private WorkerPool pool(ForwardingBuildStore builds, WorkerLauncher launcher) {
    WorkerLauncher recording =
        build -> {
          launched.add(build.id());
          return launcher.launch(build);
        };
    return new WorkerPool(
            new DirectoryBuildFeed(home, store, Duration.ofMillis(20)),
            builds,
            new DirectoryProjectStore(home),
            recording,
            WorkerMode.POOL,
            1,
            "replica-0")
        .start();
  }

  private static BuildRequest request() {
    return BuildRequest.of(PROJECT, "exec", "brigade-cli");
  }

  private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(end);
      Thread.sleep(20);
    }
  }
}
