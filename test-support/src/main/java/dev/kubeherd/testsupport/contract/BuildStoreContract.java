package dev.kubeherd.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.BuildNotFoundException;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.JobRecord;
import dev.kubeherd.core.model.Revision;
import dev.kubeherd.core.port.BuildStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BuildStore} adapter must do. Subclass it and return a fresh empty store from
 * {@link #createStore()}.
 */
public abstract class BuildStoreContract {
  private static final String ULID = "[0-9a-hjkmnp-tv-z]{26}";
  private static final String UNKNOWN_ID = "01hzzzzzzzzzzzzzzzzzzzzzzz";
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  private BuildStore store;

  /** A new store with no builds; called before each test. */
  protected abstract BuildStore createStore();

  @BeforeEach
  void setUpStore() {
    store = createStore();
  }

  protected static BuildRequest push(String projectId) {
    return BuildRequest.of(projectId, "push", "github");
  }

  @Test
  void createAssignsLowerCase26CharUlidsInCreationOrder() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ids.add(store.create(push("brigade-p")).id());
    }

    assertThat(ids).allMatch(id -> id.matches(ULID)).doesNotHaveDuplicates().isSorted();
  }

  @Test
  void createdBuildIsPendingAndFoundWithItsWholeRequest() {
    BuildRequest request =
        push("brigade-p")
            .withRevision(new Revision("abc123", "refs/heads/main"))
            .withPayload("{\"x\":1}")
            .withScript("console.log('hi')")
            .withConfig("{}")
            .withLogLevel("debug");

    Build created = store.create(request);

    assertThat(created.status().phase()).isEqualTo(BuildPhase.PENDING);
    Build found = store.find(created.id()).orElseThrow();
    assertThat(found.request()).isEqualTo(request);
    assertThat(found.status()).isEqualTo(BuildStatus.pending());
    assertThat(found.createdAt()).isEqualTo(created.createdAt());
  }

  @Test
  void unknownBuildIsNotFound() {
    store.create(push("brigade-p"));

    assertThat(store.find(UNKNOWN_ID)).isEmpty();
  }

  @Test
  void listIsNewestFirst() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(store.create(push("brigade-p")).id());
    }

    assertThat(store.list(Optional.empty()))
        .extracting(Build::id)
        .containsExactlyElementsOf(ids.reversed());
  }

  @Test
  void listFiltersByProject() {
    Build a1 = store.create(push("brigade-a"));
    store.create(push("brigade-b"));
    Build a2 = store.create(push("brigade-a"));

    assertThat(store.list(Optional.of("brigade-a")))
        .extracting(Build::id)
        .containsExactly(a2.id(), a1.id());
    assertThat(store.list(Optional.of("brigade-none"))).isEmpty();
  }

  @Test
  void claimHandsTheBuildToTheFirstCallerOnly() {
    Build b = store.create(push("brigade-p"));

    assertThat(store.claim(b.id(), "worker-1")).isTrue();
    assertThat(store.claim(b.id(), "worker-2")).isFalse();

    BuildStatus status = store.find(b.id()).orElseThrow().status();
    assertThat(status.phase()).isEqualTo(BuildPhase.RUNNING);
    assertThat(status.worker()).isEqualTo("worker-1");
    assertThat(status.startedAt()).isPresent();
  }

  @Test
  void finishedBuildCannotBeClaimedAgain() {
    Build b = store.create(push("brigade-p"));
    store.claim(b.id(), "worker-1");
    BuildStatus running = store.find(b.id()).orElseThrow().status();
    store.updateStatus(b.id(), running.finished(true, 0, Instant.now(), ""));

    assertThat(store.claim(b.id(), "worker-2")).isFalse();
    assertThat(store.find(b.id()).orElseThrow().status().phase()).isEqualTo(BuildPhase.SUCCEEDED);
  }

  @Test
  void claimOfUnknownBuildReturnsFalse() {
    assertThat(store.claim(UNKNOWN_ID, "worker-1")).isFalse();
  }

  @Test
  void eachBuildIsClaimedExactlyOnceWhenEightThreadsRaceOverTwentyBuilds() throws Exception {
    List<String> ids =
        IntStream.range(0, 20).mapToObj(i -> store.create(push("brigade-p")).id()).toList();
    Map<String, List<String>> winners = new ConcurrentHashMap<>();
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<?>> racers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        String worker = "worker-" + t;
        racers.add(pool.submit(() -> race(ids, worker, start, winners)));
      }
      start.countDown();
      for (Future<?> f : racers) {
        f.get();
      }
    }

    assertThat(winners).containsOnlyKeys(ids);
    for (String id : ids) {
      assertThat(winners.get(id)).as("winners of %s", id).hasSize(1);
      assertThat(store.find(id).orElseThrow().status().worker()).isEqualTo(winners.get(id).get(0));
    }
  }

  private Void race(
      List<String> ids, String worker, CountDownLatch start, Map<String, List<String>> winners)
      throws InterruptedException {
    start.await();
    for (String id : ids) {
      if (store.claim(id, worker)) {
        winners.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(worker);
      }
    }
    return null;
  }

  @Test
  void updateStatusReplacesTheStatus() {
    Build b = store.create(push("brigade-p"));
    BuildStatus failed =
        BuildStatus.pending().running("w", T0).finished(false, 2, T0.plusSeconds(5), "job failed");

    store.updateStatus(b.id(), failed);

    assertThat(store.find(b.id()).orElseThrow().status()).isEqualTo(failed);
  }

  @Test
  void aStatusChangeSeesTheCurrentStatusAndMayLeaveIt() {
    Build b = store.create(push("brigade-p"));
    store.claim(b.id(), "w");
    BuildStatus cancelled =
        store.updateStatus(
            b.id(), s -> s.phase().isTerminal() ? s : s.finished(false, 130, T0, "cancelled"));

    BuildStatus after =
        store.updateStatus(
            b.id(), s -> s.phase().isTerminal() ? s : s.finished(true, 0, T0, "done"));

    assertThat(cancelled.phase()).isEqualTo(BuildPhase.FAILED);
    assertThat(after).isEqualTo(cancelled);
    assertThat(store.find(b.id()).orElseThrow().status()).isEqualTo(cancelled);
  }

  @Test
  void ofConcurrentEndsOnlyOneLandsAndEveryCallerSeesIt() throws Exception {
    Build b = store.create(push("brigade-p"));
    store.claim(b.id(), "w");
    int callers = 4;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<BuildStatus>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        String message = "ended by " + i;
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return store.updateStatus(
                      b.id(), s -> s.phase().isTerminal() ? s : s.finished(false, 1, T0, message));
                }));
      }
      go.countDown();
      List<BuildStatus> seen = new ArrayList<>();
      for (Future<BuildStatus> r : results) {
        seen.add(r.get());
      }

      BuildStatus stored = store.find(b.id()).orElseThrow().status();
      assertThat(stored.phase()).isEqualTo(BuildPhase.FAILED);
      assertThat(seen).allSatisfy(s -> assertThat(s).isEqualTo(stored));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aBuildEndedBeforeItsClaimLandsIsNotHandedToTheClaimant() {
    Build b = store.create(push("brigade-p"));
    store.updateStatus(b.id(), BuildStatus.pending().finished(false, 130, T0, "cancelled"));

    assertThat(store.claim(b.id(), "late-worker")).isFalse();
    assertThat(store.find(b.id()).orElseThrow().status().phase()).isEqualTo(BuildPhase.FAILED);
  }

  @Test
  void updateStatusOfUnknownBuildThrowsBuildNotFound() {
    assertThatThrownBy(() -> store.updateStatus(UNKNOWN_ID, BuildStatus.pending()))
        .isInstanceOf(BuildNotFoundException.class)
        .hasMessageContaining(UNKNOWN_ID);
  }

  @Test
  void deleteRemovesTheBuildAndSaysWhetherItExisted() {
    Build gone = store.create(push("brigade-p"));
    Build kept = store.create(push("brigade-p"));
    store.saveJob(job(gone.id(), "test", T0));

    assertThat(store.delete(gone.id())).isTrue();
    assertThat(store.delete(gone.id())).isFalse();
    assertThat(store.find(gone.id())).isEmpty();
    assertThat(store.jobs(gone.id())).isEmpty();
    assertThat(store.list(Optional.empty())).extracting(Build::id).containsExactly(kept.id());
  }

  @Test
  void jobsAreListedByStartTimeThenNameWithUnstartedJobsLast() {
    Build b = store.create(push("brigade-p"));
    JobRecord waiting =
        new JobRecord(
            b.id(),
            "waiting",
            "waiting-" + b.id(),
            "alpine:3",
            BuildPhase.PENDING,
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    store.saveJob(waiting);
    store.saveJob(job(b.id(), "later", T0.plusSeconds(10)));
    store.saveJob(job(b.id(), "zeta", T0));
    store.saveJob(job(b.id(), "alpha", T0));

    assertThat(store.jobs(b.id()))
        .extracting(JobRecord::name)
        .containsExactly("alpha", "zeta", "later", "waiting");
  }

  @Test
  void savingAJobAgainUpdatesItsRecord() {
    Build b = store.create(push("brigade-p"));
    store.saveJob(job(b.id(), "test", T0));
    JobRecord done =
        new JobRecord(
            b.id(),
            "test",
            "test-" + b.id(),
            "alpine:3",
            BuildPhase.SUCCEEDED,
            Optional.of(T0),
            Optional.of(T0.plusSeconds(3)),
            Optional.of(0));

    store.saveJob(done);

    assertThat(store.jobs(b.id())).containsExactly(done);
  }

  @Test
  void saveJobForUnknownBuildThrowsBuildNotFound() {
    assertThatThrownBy(() -> store.saveJob(job(UNKNOWN_ID, "test", T0)))
        .isInstanceOf(BuildNotFoundException.class);
  }

  protected static JobRecord job(String buildId, String name, Instant startedAt) {
    return new JobRecord(
        buildId,
        name,
        name + "-" + buildId,
        "alpine:3",
        BuildPhase.RUNNING,
        Optional.of(startedAt),
        Optional.empty(),
        Optional.empty());
  }
}
