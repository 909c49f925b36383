package dev.kubeherd.kube.job;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads what a job waits for from a pod's status. Pure. The controller reads its worker pods with
 * the same rule ({@link #workerStartFailure}).
 */
public final class PodStates {
  static final String RUNNING = "Running";
  static final String SUCCEEDED = "Succeeded";
  static final String FAILED = "Failed";
  static final String PENDING = "Pending";
  static final String ERR_IMAGE_PULL = "ErrImagePull";

  /** The kubelet's back-off between {@link #ERR_IMAGE_PULL} retries. */
  static final String IMAGE_PULL_BACK_OFF = "ImagePullBackOff";

  /** Waiting reasons the kubelet keeps reporting until someone changes the pod. */
  static final Set<String> NEVER_STARTS = Set.of("InvalidImageName");

  /**
   * Waiting reasons that may clear by themselves: {@code CreateContainerConfigError} while the
   * kubelet's Secret cache syncs ({@code failed to sync secret cache}) or before a Secret created
   * just before the pod reaches it, {@code ErrImageNeverPull} until another pod puts the image on
   * the node. The kubelet retries them; they fail a job only once they last ({@link PodRun}).
   */
  static final Set<String> MAY_CLEAR = Set.of("CreateContainerConfigError", "ErrImageNeverPull");

  /**
   * A container of a pending pod that cannot start.
   *
   * @param container the container's name
   * @param reason the kubelet's waiting reason
   * @param text the job's failure message, with the kubelet's message
   * @param mayClear whether the kubelet may still start it ({@link #MAY_CLEAR})
   */
  public record StartFailure(String container, String reason, String text, boolean mayClear) {
    /**
     * Whether the image could not be pulled ({@code ErrImagePull}, {@code ImagePullBackOff}): the
     * kubelet retries it, so it may pass (a registry outage) or not (a wrong tag).
     */
    public boolean pullFailure() {
      return ERR_IMAGE_PULL.equals(reason) || IMAGE_PULL_BACK_OFF.equals(reason);
    }

    /** Whether {@code other} is the same container waiting for the same reason. */
    public boolean sameWait(StartFailure other) {
      return other != null
          && Objects.equals(container, other.container)
          && reason.equals(other.reason);
    }
  }

  private PodStates() {}

  /** The pod's phase, empty while it has no status (not yet scheduled). */
  static Optional<String> phase(Pod pod) {
    PodStatus s = pod.getStatus();
    return s == null || s.getPhase() == null || s.getPhase().isEmpty()
        ? Optional.empty()
        : Optional.of(s.getPhase());
  }

  /**
   * Why a pending pod cannot start, if a container of it (the VCS init container included) waits
   * for a reason that fails a job: its image cannot be pulled ({@code ErrImagePull}, said with the
   * kubelet's message as v1 did; v1 trapped nothing else and {@code ImagePullBackOff} is still left
   * to the timeout), its image name is invalid ({@link #NEVER_STARTS}), or a reason that may still
   * clear ({@link #MAY_CLEAR}: its configuration names a Secret or ConfigMap key the kubelet cannot
   * find, its image must not be pulled and is not on the node). The others are said as the
   * container, the reason and the kubelet's message.
   */
  static Optional<StartFailure> startFailure(Pod pod) {
    return startFailure(pod, false);
  }

  /**
   * Why a pending worker pod cannot start: the rule of {@link #startFailure}, and {@code
   * ImagePullBackOff} too (the kubelet alternates it with {@code ErrImagePull}). A pull failure
   * ({@link StartFailure#pullFailure}) is for the caller to time: a worker pod has no job timeout.
   */
  public static Optional<StartFailure> workerStartFailure(Pod pod) {
    return startFailure(pod, true);
  }

  private static Optional<StartFailure> startFailure(Pod pod, boolean pullBackOff) {
    if (!phase(pod).equals(Optional.of(PENDING))) {
      return Optional.empty();
    }
    PodStatus s = pod.getStatus();
    return Stream.of(s.getInitContainerStatuses(), s.getContainerStatuses())
        .flatMap(statuses -> statuses == null ? Stream.empty() : statuses.stream())
        .flatMap(c -> waiting(c).stream().map(w -> describe(c.getName(), w, pullBackOff)))
        .flatMap(Optional::stream)
        .findFirst();
  }

  private static Optional<StartFailure> describe(
      String container, ContainerStateWaiting w, boolean pullBackOff) {
    String reason = w.getReason() == null ? "" : w.getReason();
    String message = w.getMessage() == null || w.getMessage().isEmpty() ? reason : w.getMessage();
    if (ERR_IMAGE_PULL.equals(reason) || (pullBackOff && IMAGE_PULL_BACK_OFF.equals(reason))) {
      return Optional.of(new StartFailure(container, reason, message, false));
    }
    boolean mayClear = MAY_CLEAR.contains(reason);
    if (mayClear || NEVER_STARTS.contains(reason)) {
      String text = "container " + container + " cannot start (" + reason + "): " + message;
      return Optional.of(new StartFailure(container, reason, text, mayClear));
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
