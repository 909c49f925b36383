package dev.kubeherd.testsupport.kube;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;

/** Pod statuses as a kubelet writes them. */
final class PodStates {
  private PodStates() {}

  static PodStatus pending() {
    return new PodStatusBuilder()
        .withPhase("Pending")
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName("main")
                .withNewState()
                .withNewWaiting()
                .withReason("ContainerCreating")
                .endWaiting()
                .endState()
                .build())
        .build();
  }

  static PodStatus imagePullError(String image) {
    return new PodStatusBuilder()
        .withPhase("Pending")
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName("main")
                .withImage(image)
                .withNewState()
                .withNewWaiting()
                .withReason("ErrImagePull")
                .withMessage("rpc error: code = Unknown desc = pull access denied for " + image)
                .endWaiting()
                .endState()
                .build())
        .build();
  }

  static PodStatus running(Instant startedAt) {
    return new PodStatusBuilder()
        .withPhase("Running")
        .withStartTime(startedAt.toString())
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName("main")
                .withNewState()
                .withNewRunning()
                .withStartedAt(startedAt.toString())
                .endRunning()
                .endState()
                .build())
        .build();
  }

  static PodStatus terminated(Instant startedAt, Instant finishedAt, int exitCode) {
    return new PodStatusBuilder()
        .withPhase(exitCode == 0 ? "Succeeded" : "Failed")
        .withStartTime(startedAt.toString())
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName("main")
                .withNewState()
                .withNewTerminated()
                .withExitCode(exitCode)
                .withReason(exitCode == 0 ? "Completed" : "Error")
                .withStartedAt(startedAt.toString())
                .withFinishedAt(finishedAt.toString())
                .endTerminated()
                .endState()
                .build())
        .build();
  }
}
