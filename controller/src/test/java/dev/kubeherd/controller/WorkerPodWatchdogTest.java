package dev.kubeherd.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Which worker pod changes are worth a verdict: the build loop re-reads the build for each one, so
 * the ordinary changes of every dispatched pod (created, scheduled, pulling) must not count (P5).
 */
class WorkerPodWatchdogTest {
  private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
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
