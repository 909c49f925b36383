package dev.kubeherd.kube.job;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads what a job waits for from a pod's status. Pure. */
final class PodStates {
  static final String RUNNING = "Running";
  static final String SUCCEEDED = "Succeeded";
  static final String FAILED = "Failed";
  static final String PENDING = "Pending";
  static final String ERR_IMAGE_PULL = "ErrImagePull";

  private PodStates() {}

  /** The pod's phase, empty while it has no status (not yet scheduled). */
  static Optional<String> phase(Pod pod) {
    PodStatus s = pod.getStatus();
    return s == null || s.getPhase() == null || s.getPhase().isEmpty()
        ? Optional.empty()
        : Optional.of(s.getPhase());
  }

  /**
   * The waiting message of a pending pod whose image cannot be pulled ({@code ErrImagePull}; v1
   * does not trap {@code ImagePullBackOff}, which is left to the timeout). Looks at the VCS init
   * container too, whose image can be just as wrong.
   */
  static Optional<String> imagePullFailure(Pod pod) {
    if (!phase(pod).equals(Optional.of(PENDING))) {
      return Optional.empty();
    }
    PodStatus s = pod.getStatus();
    return Stream.of(waiting(s.getInitContainerStatuses()), waiting(s.getContainerStatuses()))
        .flatMap(Optional::stream)
        .filter(w -> ERR_IMAGE_PULL.equals(w.getReason()))
        .findFirst()
        .map(
            w ->
                w.getMessage() == null || w.getMessage().isEmpty()
                    ? ERR_IMAGE_PULL
                    : w.getMessage());
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

  private static Optional<ContainerStateWaiting> waiting(List<ContainerStatus> statuses) {
    if (statuses == null || statuses.isEmpty()) {
      return Optional.empty();
    }
    ContainerStatus first = statuses.get(0);
    return Optional.ofNullable(first.getState()).map(st -> st.getWaiting());
  }
}
