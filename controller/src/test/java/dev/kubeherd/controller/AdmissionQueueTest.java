package dev.kubeherd.controller;

import static dev.kubeherd.controller.TestBuilds.build;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AdmissionQueueTest {

  @Test
  void admitsOldestFirstWhateverTheOfferOrder() {
    AdmissionQueue q = new AdmissionQueue(AdmissionLimits.UNLIMITED);
    q.offer(pending("c", "p", 3));
    q.offer(pending("a", "p", 1));
    q.offer(pending("b", "p", 2));

    assertThat(drain(q)).containsExactly("a", "b", "c");
  }

  @Test
  void sameCreationTimeFallsBackToUlidOrder() {
    AdmissionQueue q = new AdmissionQueue(AdmissionLimits.UNLIMITED);
    q.offer(pending("01b", "p", 0));
    q.offer(pending("01a", "p", 0));

    assertThat(drain(q)).containsExactly("01a", "01b");
  }

  @Test
  void globalLimitHoldsBuildsUntilASlotIsReleased() {
    AdmissionQueue q = new AdmissionQueue(new AdmissionLimits(2, 0));
    q.offer(pending("a", "p1", 1));
    q.offer(pending("b", "p2", 2));
    q.offer(pending("c", "p3", 3));

    assertThat(drain(q)).containsExactly("a", "b");
    assertThat(q.nextAdmissible()).isEmpty();

    assertThat(q.release("a")).isTrue();
    assertThat(drain(q)).containsExactly("c");
  }

  @Test
  void projectLimitHoldsOnlyThatProject() {
    AdmissionQueue q = new AdmissionQueue(new AdmissionLimits(0, 1));
    q.offer(pending("a1", "a", 1));
    q.offer(pending("a2", "a", 2));
    q.offer(pending("b1", "b", 3));

    assertThat(drain(q)).containsExactly("a1", "b1");
    assertThat(q.running("a")).isEqualTo(1);
    assertThat(q.queued()).isEqualTo(1);

    q.release("a1");
    assertThat(drain(q)).containsExactly("a2");
  }

  @Test
  void projectAtItsLimitDoesNotBlockOtherProjectsQueuedBehindIt() {
    AdmissionQueue q = new AdmissionQueue(new AdmissionLimits(3, 1));
    for (int i = 0; i < 5; i++) {
      q.offer(pending("busy" + i, "busy", i));
    }
    q.offer(pending("other", "quiet", 10));

    assertThat(drain(q)).containsExactly("busy0", "other");
  }

  @Test
  void buildsAlreadyRunningCountAgainstTheLimits() {
    AdmissionQueue q = new AdmissionQueue(new AdmissionLimits(1, 0));
    q.markRunning("old", "p");
    q.offer(pending("new", "p", 1));

    assertThat(q.nextAdmissible()).isEmpty();
    q.release("old");
    assertThat(drain(q)).containsExactly("new");
  }

  @Test
  void aBuildIsQueuedOrRunningOnlyOnce() {
    AdmissionQueue q = new AdmissionQueue(AdmissionLimits.UNLIMITED);
    Build a = pending("a", "p", 1);

    assertThat(q.offer(a)).isTrue();
    assertThat(q.offer(a)).isFalse();
    assertThat(drain(q)).containsExactly("a");
    assertThat(q.offer(a)).isFalse();
    assertThat(q.markRunning("a", "p")).isFalse();
    assertThat(q.release("a")).isTrue();
    assertThat(q.release("a")).isFalse();
  }

  @Test
  void removedBuildIsNeverAdmitted() {
    AdmissionQueue q = new AdmissionQueue(AdmissionLimits.UNLIMITED);
    q.offer(pending("a", "p", 1));

    assertThat(q.removePending("a")).isTrue();
    assertThat(q.nextAdmissible()).isEmpty();
  }

  @Test
  void concurrentCallersNeverExceedTheLimit() throws Exception {
    AdmissionQueue q = new AdmissionQueue(new AdmissionLimits(4, 0));
    for (int i = 0; i < 1000; i++) {
      q.offer(pending(String.format("%04d", i), "p" + (i % 7), i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<String> maxSeen = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      pool.execute(
          () -> {
            Optional<Build> b;
            while ((b = q.nextAdmissible()).isPresent() || q.queued() > 0) {
              b.ifPresent(
                  x -> {
                    if (q.running() > 4) {
                      synchronized (maxSeen) {
                        maxSeen.add(x.id());
                      }
                    }
                    q.release(x.id());
                  });
            }
          });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    assertThat(maxSeen).isEmpty();
    assertThat(q.running()).isZero();
  }

  private static Build pending(String id, String project, long minute) {
    return build(id, project, minute, BuildPhase.PENDING);
  }

  private static List<String> drain(AdmissionQueue q) {
    List<String> ids = new ArrayList<>();
    Optional<Build> b;
    while ((b = q.nextAdmissible()).isPresent()) {
      ids.add(b.get().id());
    }
    return ids;
  }
}
