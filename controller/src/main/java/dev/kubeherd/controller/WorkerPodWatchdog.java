package dev.kubeherd.controller;

import dev.kubeherd.kube.brigade.KubeherdAnnotations;
import dev.kubeherd.kube.job.PodStates;
import dev.kubeherd.kube.job.PodStates.StartFailure;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Judges a worker pod that has not ended against its {@link WorkerPodTimeouts}: a container that
 * cannot start is classified by the job pods' rule ({@link PodStates#workerStartFailure}): {@code
 * InvalidImageName} fails the build at once, a reason that may clear once it has lasted the start
 * grace, an image that cannot be pulled once the start timeout has passed since the pod was
 * scheduled; a pod the scheduler cannot place fails once it is older than the start timeout (a zero
 * start timeout: neither ever does); a running worker once it has run for the run timeout.
 * Otherwise it says when to look again. Remembers, per build, since when a container has waited for
 * a reason that may clear, and has the reconciler note it on the pod ({@link
 * KubeherdAnnotations#WORKER_START_WAIT}), where a controller that starts later finds it.
 */
final class WorkerPodWatchdog {
  /**
   * The verdict: a failure message, or when the pod should be judged again (if ever).
   *
   * @param startWaitNote a start wait seen for the first time, to note on the pod ({@link
   *     KubeherdAnnotations#WORKER_START_WAIT}) so that its deadline outlives this process
   */
  record Verdict(
      Optional<String> failure, Optional<Instant> recheckAt, Optional<String> startWaitNote) {
    static final Verdict FINE = new Verdict(Optional.empty(), Optional.empty(), Optional.empty());

    static Verdict fail(String why) {
      return new Verdict(Optional.of(why), Optional.empty(), Optional.empty());
    }

    static Verdict recheck(Instant at) {
      return new Verdict(Optional.empty(), Optional.of(at), Optional.empty());
    }

    Verdict noting(Optional<String> note) {
      return new Verdict(failure, recheckAt, note);
    }
  }

  private record Wait(StartFailure failure, Instant since) {}

  private final WorkerPodTimeouts timeouts;
  private final Map<String, Wait> waits = new ConcurrentHashMap<>();

  /**
   * Builds this process has judged: only at its first look at a build does it take a wait's start
   * from the pod's note (written before this process ran); later it knows better than the note,
   * which may be left from a wait that has cleared since.
   */
  private final Set<String> judged = ConcurrentHashMap.newKeySet();

  WorkerPodWatchdog(WorkerPodTimeouts timeouts) {
    this.timeouts = timeouts;
  }

  Verdict judge(String buildId, Pod pod, Instant now) {
    boolean firstLook = judged.add(buildId);
    Optional<StartFailure> failure = PodStates.workerStartFailure(pod);
    if (failure.isEmpty()) {
      waits.remove(buildId);
    }
    if ("Running".equals(phase(pod))) {
      return runVerdict(pod, now);
    }
    if (failure.isPresent()) {
      return startVerdict(buildId, pod, failure.get(), now, firstLook);
    }
    return unschedulable(pod)
        .map(
            why ->
                pastStartTimeout(
                    pod, created(pod, now), now, "was not scheduled", why, SCHEDULING_HINT))
        .orElse(Verdict.FINE);
  }

  /**
   * Whether judging the pod may give a verdict or a deadline: a container that cannot start, a pod
   * the scheduler cannot place, a running worker with a run timeout, or a wait remembered for the
   * build (to forget it once it cleared). A pod that is merely being created, scheduled or pulled
   * needs nothing: judging every such change would cost the build loop an extra read per change.
   */
  boolean mayNeedVerdict(String buildId, Pod pod) {
    return waits.containsKey(buildId)
        || PodStates.workerStartFailure(pod).isPresent()
        || (unschedulable(pod).isPresent() && !timeouts.unlimitedStart())
        || ("Running".equals(phase(pod)) && !timeouts.unlimitedRun());
  }

  /** The build has ended: nothing to remember. */
  void forget(String buildId) {
    waits.remove(buildId);
    judged.remove(buildId);
  }

  private Verdict startVerdict(
      String buildId, Pod pod, StartFailure f, Instant now, boolean firstLook) {
    String name = pod.getMetadata().getName();
    if (f.pullFailure()) {
      String why =
          "container " + f.container() + " cannot pull its image (" + f.reason() + "): " + f.text();
      Instant scheduled = scheduled(pod).orElseGet(() -> created(pod, now));
      return pastStartTimeout(pod, scheduled, now, "did not start", why, IMAGE_HINT);
    }
    if (!f.mayClear()) {
      return Verdict.fail("worker pod " + name + " cannot start: " + f.text() + IMAGE_HINT);
    }
    Wait known = waits.get(buildId);
    Optional<String> note = Optional.empty();
    Wait wait;
    if (known != null && known.failure().sameWait(f)) {
      wait = known;
    } else {
      Optional<Instant> noted =
          firstLook ? StartWaitNotes.since(pod, f).filter(t -> !t.isAfter(now)) : Optional.empty();
      wait = new Wait(f, noted.orElse(now));
      waits.put(buildId, wait);
      if (noted.isEmpty()) {
        note = Optional.of(StartWaitNotes.of(f, now));
      }
    }
    Instant deadline = wait.since().plus(timeouts.startGrace());
    if (now.isBefore(deadline)) {
      return Verdict.recheck(deadline).noting(note);
    }
    return Verdict.fail(
        "worker pod "
            + name
            + " did not start: "
            + f.text()
            + " (for "
            + Durations.display(timeouts.startGrace())
            + ")"
            + CONFIG_HINT);
  }

  /** Fails the pod once the start timeout has passed since {@code since}; never when it is 0. */
  private Verdict pastStartTimeout(
      Pod pod, Instant since, Instant now, String what, String why, String hint) {
    if (timeouts.unlimitedStart()) {
      return Verdict.FINE;
    }
    Instant deadline = since.plus(timeouts.startTimeout());
    if (now.isBefore(deadline)) {
      return Verdict.recheck(deadline);
    }
    return Verdict.fail(
        "worker pod "
            + pod.getMetadata().getName()
            + " "
            + what
            + " within "
            + Durations.display(timeouts.startTimeout())
            + " ("
            + ControllerSetting.WORKER_START_TIMEOUT.describe()
            + "): "
            + why
            + hint);
  }

  private Verdict runVerdict(Pod pod, Instant now) {
    if (timeouts.unlimitedRun()) {
      return Verdict.FINE;
    }
    Instant deadline = started(pod).orElseGet(() -> created(pod, now)).plus(timeouts.runTimeout());
    if (now.isBefore(deadline)) {
      return Verdict.recheck(deadline);
    }
    return Verdict.fail(
        "worker pod "
            + pod.getMetadata().getName()
            + " ran longer than "
            + Durations.display(timeouts.runTimeout())
            + " ("
            + ControllerSetting.WORKER_TIMEOUT.describe()
            + ") and was deleted; raise that limit if builds need longer, then rerun the build"
            + " with brig rerun");
  }

  /** The scheduler's message when it cannot place the pod (condition PodScheduled=False). */
  private static Optional<String> unschedulable(Pod pod) {
    PodStatus s = pod.getStatus();
    List<PodCondition> conditions = s == null ? null : s.getConditions();
    if (conditions == null) {
      return Optional.empty();
    }
    return conditions.stream()
        .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
        .filter(c -> "Unschedulable".equals(c.getReason()))
        .findFirst()
        .map(
            c ->
                c.getMessage() == null || c.getMessage().isEmpty()
                    ? "Unschedulable"
                    : c.getMessage());
  }

  /** When the scheduler placed the pod: its PodScheduled=True condition's transition time. */
  private static Optional<Instant> scheduled(Pod pod) {
    PodStatus s = pod.getStatus();
    return Optional.ofNullable(s == null ? null : s.getConditions()).stream()
        .flatMap(List::stream)
        .filter(c -> "PodScheduled".equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst()
        .flatMap(c -> time(c.getLastTransitionTime()));
  }

  private static String phase(Pod pod) {
    return pod.getStatus() == null ? null : pod.getStatus().getPhase();
  }

  /** When the worker container started running: its running state, else the pod's start time. */
  private static Optional<Instant> started(Pod pod) {
    PodStatus s = pod.getStatus();
    Optional<String> runnerStart =
        Optional.ofNullable(s.getContainerStatuses()).stream()
            .flatMap(List::stream)
            .filter(c -> WorkerPodFactory.RUNNER.equals(c.getName()))
            .map(ContainerStatus::getState)
            .filter(st -> st != null && st.getRunning() != null)
            .map(st -> st.getRunning().getStartedAt())
            .findFirst();
    return runnerStart
        .or(() -> Optional.ofNullable(s.getStartTime()))
        .flatMap(WorkerPodWatchdog::time);
  }

  private static Instant created(Pod pod, Instant now) {
    return Optional.ofNullable(pod.getMetadata().getCreationTimestamp())
        .flatMap(WorkerPodWatchdog::time)
        .orElse(now);
  }

  private static Optional<Instant> time(String s) {
    try {
      return s == null ? Optional.empty() : Optional.of(Instant.parse(s));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static final String IMAGE_HINT =
      "; check the project's worker settings (worker.registry, worker.name, worker.tag,"
          + " imagePullSecrets, vcsSidecar) and the controller's -worker-image, then rerun the"
          + " build with brig rerun";
  private static final String CONFIG_HINT =
      "; check the Secrets and ConfigMaps the worker pod uses (the project's defaultScriptName,"
          + " defaultConfigName, sshKey, github.token) and its image, then rerun the build with"
          + " brig rerun";
  private static final String SCHEDULING_HINT =
      "; check the controller's worker requests (-worker-requests-cpu, -worker-requests-memory)"
          + " and the cluster's free capacity, then rerun the build with brig rerun";
}
