package dev.kubeherd.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.kube.brigade.KubeherdAnnotations;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which worker pod changes are worth a verdict: the build loop re-reads the build for each one, so
 * the ordinary changes of every dispatched pod (created, scheduled, pulling) must not count (P5).
 */
class WorkerPodWatchdogTest {
  private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
  private static final Duration GRACE = WorkerPodTimeouts.DEFAULT.startGrace();
  private final WorkerPodWatchdog unlimited = new WorkerPodWatchdog(WorkerPodTimeouts.DEFAULT);

  @Test
  void aPodBeingCreatedScheduledOrPulledNeedsNoVerdict() {
    assertThat(unlimited.mayNeedVerdict("b1", pod(null))).isFalse();
    assertThat(unlimited.mayNeedVerdict("b1", pod(new PodStatusBuilder().withPhase("Pending"))))
        .isFalse();
    assertThat(unlimited.mayNeedVerdict("b1", pod(waiting("ContainerCreating")))).isFalse();
  }

  @Test
  void aContainerThatCannotStartOrAPodThatCannotBePlacedNeedsAVerdict() {
    assertThat(unlimited.mayNeedVerdict("b1", pod(waiting("ImagePullBackOff")))).isTrue();
    assertThat(unlimited.mayNeedVerdict("b1", pod(waiting("InvalidImageName")))).isTrue();
    PodStatusBuilder unschedulable =
        new PodStatusBuilder()
            .withPhase("Pending")
            .addNewCondition()
            .withType("PodScheduled")
            .withStatus("False")
            .withReason("Unschedulable")
            .withMessage("0/3 nodes are available")
            .endCondition();
    assertThat(unlimited.mayNeedVerdict("b1", pod(unschedulable))).isTrue();
  }

  @Test
  void aRunningWorkerNeedsAVerdictOnlyWithARunTimeout() {
    PodStatusBuilder running = new PodStatusBuilder().withPhase("Running");
    WorkerPodWatchdog limited =
        new WorkerPodWatchdog(
            new WorkerPodTimeouts(
                Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofHours(1)));

    assertThat(unlimited.mayNeedVerdict("b1", pod(running))).isFalse();
    assertThat(limited.mayNeedVerdict("b1", pod(running))).isTrue();
  }

  @Test
  void aWaitThatClearedIsJudgedOnceMoreSoItIsForgotten() {
    unlimited.judge("b1", pod(waiting("CreateContainerConfigError")), NOW);
    PodStatusBuilder pending = new PodStatusBuilder().withPhase("Pending");

    assertThat(unlimited.mayNeedVerdict("b1", pod(pending))).isTrue();
    unlimited.judge("b1", pod(pending), NOW.plusSeconds(1));
    assertThat(unlimited.mayNeedVerdict("b1", pod(pending))).isFalse();
  }

  @Test
  void aTransientPullFailureAfterALongWaitForANodeIsTimedFromTheScheduling() {
    // unschedulable for 9 minutes while an autoscaler adds a node, then one ErrImagePull
    Instant scheduled = NOW.plus(Duration.ofMinutes(9));
    PodStatusBuilder pullFailed = scheduledAt(waiting("ErrImagePull"), scheduled);
    Instant firstPullFailure = NOW.plus(Duration.ofMinutes(10)).plusSeconds(1);

    WorkerPodWatchdog.Verdict verdict = unlimited.judge("b1", pod(pullFailed), firstPullFailure);

    assertThat(verdict.failure()).isEmpty();
    assertThat(verdict.recheckAt()).contains(scheduled.plus(Duration.ofMinutes(10)));
    assertThat(
            unlimited
                .judge("b1", pod(pullFailed), scheduled.plus(Duration.ofMinutes(10)))
                .failure())
        .hasValueSatisfying(why -> assertThat(why).contains("cannot pull its image"));
  }

  @Test
  void aZeroStartTimeoutNeverFailsAPullFailureOrAnUnschedulablePod() {
    WorkerPodWatchdog noStartLimit =
        new WorkerPodWatchdog(
            new WorkerPodTimeouts(Duration.ZERO, Duration.ofMinutes(1), Duration.ZERO));
    Instant muchLater = NOW.plus(Duration.ofDays(2));

    assertThat(noStartLimit.judge("b1", pod(waiting("ImagePullBackOff")), muchLater))
        .isEqualTo(WorkerPodWatchdog.Verdict.FINE);
    assertThat(noStartLimit.judge("b1", pod(unschedulable()), muchLater))
        .isEqualTo(WorkerPodWatchdog.Verdict.FINE);
    assertThat(noStartLimit.mayNeedVerdict("b1", pod(unschedulable()))).isFalse();
    assertThat(noStartLimit.judge("b1", pod(waiting("InvalidImageName")), NOW).failure())
        .hasValueSatisfying(why -> assertThat(why).contains("cannot start"));
  }

  @Test
  void aStartWaitSeenForTheFirstTimeIsToBeNotedOnThePod() {
    Pod waitingPod = pod(waiting("CreateContainerConfigError"));

    WorkerPodWatchdog.Verdict first = unlimited.judge("b1", waitingPod, NOW);
    WorkerPodWatchdog.Verdict again = unlimited.judge("b1", waitingPod, NOW.plusSeconds(5));

    assertThat(first.recheckAt()).contains(NOW.plus(GRACE));
    assertThat(first.startWaitNote())
        .contains(WorkerPodFactory.RUNNER + "/CreateContainerConfigError/" + NOW);
    assertThat(again.recheckAt()).contains(NOW.plus(GRACE));
    assertThat(again.startWaitNote()).isEmpty();
  }

  @Test
  void aControllerThatStartsLaterKeepsTheNotedDeadline() {
    Pod noted =
        noted(
            pod(waiting("CreateContainerConfigError")),
            WorkerPodFactory.RUNNER + "/CreateContainerConfigError/" + NOW);

    WorkerPodWatchdog.Verdict within =
        new WorkerPodWatchdog(WorkerPodTimeouts.DEFAULT).judge("b1", noted, NOW.plusSeconds(10));
    WorkerPodWatchdog.Verdict past =
        new WorkerPodWatchdog(WorkerPodTimeouts.DEFAULT).judge("b1", noted, NOW.plus(GRACE));

    assertThat(within.recheckAt()).contains(NOW.plus(GRACE));
    assertThat(within.startWaitNote()).isEmpty();
    assertThat(past.failure()).hasValueSatisfying(why -> assertThat(why).contains("did not start"));
  }

  @Test
  void aNoteOfAnotherWaitOrOneThatCannotBeReadTimesTheWaitFromNow() {
    Instant earlier = NOW.minus(Duration.ofHours(1));
    for (String note :
        List.of(
            WorkerPodFactory.RUNNER + "/CreateContainerError/" + earlier,
            "vcs-sidecar/CreateContainerConfigError/" + earlier,
            WorkerPodFactory.RUNNER + "/CreateContainerConfigError/yesterday",
            "garbled")) {
      Pod pod = noted(pod(waiting("CreateContainerConfigError")), note);

      WorkerPodWatchdog.Verdict verdict =
          new WorkerPodWatchdog(WorkerPodTimeouts.DEFAULT).judge("b1", pod, NOW);

      assertThat(verdict.recheckAt()).as(note).contains(NOW.plus(GRACE));
      assertThat(verdict.startWaitNote()).as(note).isPresent();
    }
  }

  @Test
  void aNoteLeftFromAWaitThatClearedGivesTheSameWaitAgainTheWholeGrace() {
    String note = WorkerPodFactory.RUNNER + "/CreateContainerConfigError/" + NOW;
    Pod waitingPod = noted(pod(waiting("CreateContainerConfigError")), note);
    Pod cleared = noted(pod(new PodStatusBuilder().withPhase("Pending")), note);
    Instant again = NOW.plus(GRACE).plusSeconds(5);

    unlimited.judge("b1", waitingPod, NOW);
    unlimited.judge("b1", cleared, NOW.plusSeconds(10));
    WorkerPodWatchdog.Verdict verdict = unlimited.judge("b1", waitingPod, again);

    assertThat(verdict.failure()).isEmpty();
    assertThat(verdict.recheckAt()).contains(again.plus(GRACE));
    assertThat(verdict.startWaitNote())
        .contains(WorkerPodFactory.RUNNER + "/CreateContainerConfigError/" + again);
  }

  @Test
  void aNoteDatedAfterNowIsNotTrusted() {
    Pod pod =
        noted(
            pod(waiting("CreateContainerConfigError")),
            WorkerPodFactory.RUNNER
                + "/CreateContainerConfigError/"
                + NOW.plus(Duration.ofDays(1)));

    WorkerPodWatchdog.Verdict verdict = unlimited.judge("b1", pod, NOW);

    assertThat(verdict.recheckAt()).contains(NOW.plus(GRACE));
    assertThat(verdict.startWaitNote()).isPresent();
  }

  private static Pod noted(Pod pod, String note) {
    return new PodBuilder(pod)
        .editMetadata()
        .addToAnnotations(KubeherdAnnotations.WORKER_START_WAIT, note)
        .endMetadata()
        .build();
  }

  private static PodStatusBuilder unschedulable() {
    return new PodStatusBuilder()
        .withPhase("Pending")
        .addNewCondition()
        .withType("PodScheduled")
        .withStatus("False")
        .withReason("Unschedulable")
        .withMessage("0/3 nodes are available")
        .endCondition();
  }

  private static PodStatusBuilder scheduledAt(PodStatusBuilder status, Instant at) {
    return status
        .addNewCondition()
        .withType("PodScheduled")
        .withStatus("True")
        .withLastTransitionTime(at.toString())
        .endCondition();
  }

  private static Pod pod(PodStatusBuilder status) {
    PodBuilder pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("brigade-worker-b1")
            .withCreationTimestamp(NOW.toString())
            .endMetadata();
    PodStatus built = status == null ? null : status.build();
    return pod.withStatus(built).build();
  }

  private static PodStatusBuilder waiting(String reason) {
    return new PodStatusBuilder()
        .withPhase("Pending")
        .addNewContainerStatus()
        .withName(WorkerPodFactory.RUNNER)
        .withNewState()
        .withNewWaiting()
        .withReason(reason)
        .withMessage(reason + " happened")
        .endWaiting()
        .endState()
        .endContainerStatus();
  }
}
