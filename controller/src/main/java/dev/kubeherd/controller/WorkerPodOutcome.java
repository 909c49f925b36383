package dev.kubeherd.controller;

import dev.kubeherd.kube.brigade.BrigadeLabels;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How a worker pod ended, read from its status (the v1 build status is the worker pod phase; start
 * time is the pod's {@code status.startTime}; exit code and end time come from the first
 * container's terminated state).
 */
record WorkerPodOutcome(
    boolean succeeded,
    int exitCode,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt,
    String why) {

  WorkerPodOutcome(boolean succeeded, int exitCode, Optional<Instant> finishedAt, String why) {
    this(succeeded, exitCode, Optional.empty(), finishedAt, why);
  }

  /** Empty while the pod has not ended (no status, Pending, Running, Unknown). */
  static Optional<WorkerPodOutcome> of(Pod pod) {
    if (pod.getStatus() == null) {
      return Optional.empty();
    }
    String phase = pod.getStatus().getPhase();
    boolean succeeded = "Succeeded".equals(phase);
    if (!succeeded && !"Failed".equals(phase)) {
      return Optional.empty();
    }
    Optional<ContainerStateTerminated> t =
        pod.getStatus().getContainerStatuses().stream()
            .findFirst()
            .map(ContainerStatus::getState)
            .map(s -> s.getTerminated());
    int code = t.map(ContainerStateTerminated::getExitCode).orElse(succeeded ? 0 : 1);
    Optional<Instant> at =
        t.map(ContainerStateTerminated::getFinishedAt).flatMap(WorkerPodOutcome::time);
    String why = "";
    if (!succeeded) {
      String reason = pod.getStatus().getReason();
      String message = pod.getStatus().getMessage();
      why =
          "worker pod "
              + pod.getMetadata().getName()
              + " failed (exit code "
              + code
              + (reason == null ? "" : ", " + reason)
              + (message == null ? "" : ": " + message)
              + "); see its log with brig build logs";
    }
    Optional<Instant> started =
        Optional.ofNullable(pod.getStatus().getStartTime()).flatMap(WorkerPodOutcome::time);
    return Optional.of(new WorkerPodOutcome(succeeded, code, started, at, why));
  }

  /** The build ID of a worker pod (label {@code build}), if it has one. */
  static Optional<String> buildId(Pod pod) {
    return Optional.ofNullable(pod.getMetadata().getLabels())
        .map(l -> l.get(BrigadeLabels.BUILD))
        .filter(id -> !id.isEmpty());
  }

  private static Optional<Instant> time(String s) {
    try {
      return Optional.of(Instant.parse(s));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
