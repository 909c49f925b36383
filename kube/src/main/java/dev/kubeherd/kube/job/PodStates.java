package dev.kubeherd.kube.job;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Reads what a job waits for from a pod's status. Pure. */
final class PodStates {
  static final String RUNNING = "Running";
  static final String SUCCEEDED = "Succeeded";
  static final String FAILED = "Failed";
  static final String PENDING = "Pending";
  static final String ERR_IMAGE_PULL = "ErrImagePull";

  /** Waiting reasons the kubelet keeps reporting until someone changes the pod or what it names. */
  static final Set<String> NEVER_STARTS =
      Set.of("CreateContainerConfigError", "InvalidImageName", "ErrImageNeverPull");

  private PodStates() {}

  /** The pod's phase, empty while it has no status (not yet scheduled). */
  static Optional<String> phase(Pod pod) {
    PodStatus s = pod.getStatus();
    return s == null || s.getPhase() == null || s.getPhase().isEmpty()
        ? Optional.empty()
        : Optional.of(s.getPhase());
  }

  /**
   * Why a pending pod will never start, if a container of it (the VCS init container included)
   * waits for a reason the kubelet does not recover from by itself: its image cannot be pulled
   * ({@code ErrImagePull}, said with the kubelet's message as v1 did; v1 trapped nothing else and
   * {@code ImagePullBackOff} is still left to the timeout), its image name is invalid or must not
   * be pulled, or its configuration names a Secret or ConfigMap key that does not exist ({@code
   * CreateContainerConfigError}). Those are said as the container, the reason and the kubelet's
   * message.
   */
  static Optional<String> startFailure(Pod pod) {
    if (!phase(pod).equals(Optional.of(PENDING))) {
      return Optional.empty();
    }
    PodStatus s = pod.getStatus();
    return Stream.of(s.getInitContainerStatuses(), s.getContainerStatuses())
        .flatMap(statuses -> statuses == null ? Stream.empty() : statuses.stream())
        .flatMap(c -> waiting(c).stream().map(w -> describe(c.getName(), w)))
        .flatMap(Optional::stream)
        .findFirst();
  }

  private static Optional<String> describe(String container, ContainerStateWaiting w) {
    String reason = w.getReason() == null ? "" : w.getReason();
    String message = w.getMessage() == null || w.getMessage().isEmpty() ? reason : w.getMessage();
    if (ERR_IMAGE_PULL.equals(reason)) {
      return Optional.of(message);
    }
    if (NEVER_STARTS.contains(reason)) {
      return Optional.of("container " + container + " cannot start (" + reason + "): " + message);
    }
    return Optional.empty();
  }

  /** The job container's exit code, or -1 when it has none. */
  static int exitCode(Pod pod) {
    PodStatus s = pod.getStatus();
    if (s == null || s.getContainerStatuses() == null) {
      return -1;
    }
    return s.getContainerStatuses().stream()
        .filter(c -> JobPodFactory.CONTAINER.equals(c.getName()))
        .findFirst()
        .or(() -> s.getContainerStatuses().stream().findFirst())
        .map(ContainerStatus::getState)
        .map(st -> st.getTerminated())
        .map(ContainerStateTerminated::getExitCode)
        .orElse(-1);
  }

  private static Optional<ContainerStateWaiting> waiting(ContainerStatus status) {
    return Optional.ofNullable(status.getState()).map(st -> st.getWaiting());
  }
}
