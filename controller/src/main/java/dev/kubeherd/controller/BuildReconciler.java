package dev.kubeherd.controller;

import dev.kubeherd.core.BuildNotFoundException;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.WorkerMode;
import dev.kubeherd.core.port.BuildFeed;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.ProjectStore;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one build and its worker pod in line, idempotently: a claimed build gets its pod (again,
 * only if the controller died between claim and create; a pod that existed and is gone fails the
 * build, it never runs twice); a pending one is reported for the queue; an invalid one is failed
 * with a reason; a pod that ended has its outcome recorded if the worker did not; a pod that cannot
 * start, or runs too long, fails the build and is deleted ({@link WorkerPodWatchdog}); an ended
 * build's worker pod that never started is deleted. Every verdict is written only if the build has
 * not ended meanwhile (a cancel stands). API and store errors propagate to the caller, which
 * retries.
 */
public final class BuildReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(BuildReconciler.class);

  /** What the caller should do with the build next. */
  public enum Next {
    /** Nothing: finished, invalid or gone. It holds no slot. */
    DONE,
    /** Pending: queue it for admission. */
    QUEUE,
    /** Its worker pod exists and has not ended: it holds a slot. */
    RUNNING
  }

  private final BuildStore builds;
  private final ProjectCache projects;
  private final WorkerPods pods;
  private final WorkerPodMarks marks;
  private final WorkerPodFactory factory;
  private final JobServiceAccounts serviceAccounts;
  private final Clock clock;
  private final WorkerMode defaultMode;
  private final ControllerMetrics metrics;
  private final WorkerPodWatchdog watchdog;
  private final UnstartedWorkerPods unstartedPods;
  private final StartWaitNotes startWaitNotes;
  private final BiConsumer<String, Instant> recheck;

  /**
   * @param recheck asked for the build ID and when its worker pod should be reconciled again (a
   *     start or run deadline), since no pod event may come then
   */
  BuildReconciler(
      BuildStore builds,
      ProjectStore projects,
      WorkerPods pods,
      WorkerPodMarks marks,
      WorkerPodFactory factory,
      Clock clock,
      WorkerMode defaultMode,
      ControllerMetrics metrics,
      WorkerPodTimeouts timeouts,
      BiConsumer<String, Instant> recheck) {
    this.watchdog = new WorkerPodWatchdog(timeouts);
    this.unstartedPods = new UnstartedWorkerPods(pods);
    this.startWaitNotes = new StartWaitNotes(pods);
    this.recheck = recheck;
    this.defaultMode = defaultMode;
    this.metrics = metrics;
    this.builds = builds;
    this.projects = new ProjectCache(projects, clock);
    this.pods = pods;
    this.marks = marks;
    this.factory = factory;
    this.serviceAccounts = new JobServiceAccounts(factory.config());
    this.clock = clock;
  }

  /** Level-based: looks at the build (and, once claimed, its pod) and acts on what it finds. */
  public Next reconcile(Build build) {
    if (build.id().isBlank()) {
      LOG.error("Ignoring a build without a build ID (project '{}')", build.projectId());
      return Next.DONE;
    }
    if (build.status().phase().isTerminal()) {
      marks.forget(build.id());
      watchdog.forget(build.id());
      if (!claimedElsewhere(build)) {
        unstartedPods.deleteFor(build);
      }
      return Next.DONE;
    }
    if (isClaimed(build)) {
      if (claimedElsewhere(build)) {
        return Next.DONE; // a pool worker or brig runs it: no pod, no slot
      }
      return ensurePod(build, Optional.empty());
    }
    Optional<Project> project = projectOf(build);
    if (project.isEmpty() || WorkerMode.of(project.get(), defaultMode) == WorkerMode.POOL) {
      return Next.DONE;
    }
    return allowed(build, project.get()) ? Next.QUEUE : Next.DONE;
  }

  /**
   * Claimed by someone other than this controller's worker pod ({@link Build#workerName()}): a warm
   * pool worker or a local brig. Builds accepted by a v1 controller name no worker and are ours.
   */
  static boolean claimedElsewhere(Build build) {
    String worker = build.status().worker();
    return !worker.isEmpty() && !worker.equals(build.workerName());
  }

  /**
   * Hands an admitted build to its worker: claims it, then creates the worker pod. Losing the claim
   * is fine: the build is then reconciled as whoever claimed it left it.
   */
  public Next admit(Build build) {
    Optional<Project> project = projectOf(build);
    if (project.isEmpty()
        || WorkerMode.of(project.get(), defaultMode) == WorkerMode.POOL
        || !allowed(build, project.get())) {
      return Next.DONE;
    }
    if (!builds.claim(build.id(), build.workerName())) {
      Optional<Build> now = builds.find(build.id());
      if (now.isEmpty()) {
        LOG.info(
            "Build {} of project {} was deleted before it started", build.id(), build.projectId());
        return Next.DONE;
      }
      return now.get().status().phase().isTerminal() || claimedElsewhere(now.get())
          ? Next.DONE
          : ensurePod(now.get(), project);
    }
    LOG.info("Build {} of project {} claimed; starting worker pod", build.id(), build.projectId());
    return createPod(build, project.get()); // we just claimed it: nobody made its pod yet
  }

  /**
   * Records how the worker pod ended unless the build already has a final status. A build no worker
   * reported a start for (a v1 worker's, or one a v1 controller accepted) takes the pod's start.
   */
  public void recordEnd(String buildId, WorkerPodOutcome outcome) {
    Instant at = outcome.finishedAt().orElseGet(clock::instant);
    marks.forget(buildId);
    watchdog.forget(buildId);
    endUnlessEnded(
            buildId,
            s ->
                startedBy(s, outcome)
                    .finished(outcome.succeeded(), outcome.exitCode(), at, outcome.why()))
        .ifPresent(
            status ->
                LOG.info(
                    "Build {} {} (worker pod ended, exit code {})",
                    buildId,
                    status.phase().display(),
                    outcome.exitCode()));
  }

  private static BuildStatus startedBy(BuildStatus s, WorkerPodOutcome outcome) {
    if (s.startedAt().isPresent() || outcome.startedAt().isEmpty()) {
      return s;
    }
    return new BuildStatus(
        s.phase(), s.worker(), outcome.startedAt(), s.finishedAt(), s.exitCode(), s.message());
  }

  /** The worker pod vanished: a started build that never reported an end has failed. */
  public void recordPodGone(String buildId, String podName) {
    String why =
        "worker pod "
            + podName
            + " was deleted before the build finished; rerun it with brig rerun "
            + buildId;
    marks.forget(buildId);
    watchdog.forget(buildId);
    endUnlessEnded(buildId, s -> isClaimed(s) ? s.finished(false, 1, clock.instant(), why) : s)
        .ifPresent(s -> LOG.warn("Build {} failed: {}", buildId, why));
  }

  /** Fails a build whose stored form cannot be read, when at least its ID is known. */
  public void failUnreadable(BuildFeed.InvalidBuild invalid) {
    LOG.warn("Build Secret {} cannot be read: {}", invalid.source(), invalid.reason());
    String why =
        "build Secret "
            + invalid.source()
            + " cannot be read: "
            + invalid.reason()
            + "; fix or delete the Secret and create the build again";
    invalid
        .buildId()
        .filter(id -> !builds.failUnlessEnded(id, 1, clock.instant(), why))
        .ifPresent(id -> LOG.info("Build {} had ended already; its status is left as it is", id));
  }

  static boolean isClaimed(Build build) {
    return isClaimed(build.status());
  }

  private static boolean isClaimed(BuildStatus status) {
    return !status.worker().isEmpty() || status.phase() != BuildPhase.PENDING;
  }

  /**
   * A claimed build's pod: found, or created if it never was. A pod missing from the informer's
   * cache is looked up on the server (the cache lags a create); a pod the build Secret says was
   * created but is gone fails the build, as a deletion seen live does.
   */
  private Next ensurePod(Build build, Optional<Project> known) {
    Optional<Pod> existing = pods.find(build.workerName());
    if (existing.isPresent()) {
      return podFound(build, existing.get());
    }
    if (marks.podWasCreated(build)) {
      recordPodGone(build.id(), build.workerName());
      return Next.DONE;
    }
    Optional<Project> found = known.isPresent() ? known : projectOf(build);
    if (found.isEmpty()) {
      return Next.DONE;
    }
    LOG.info(
        "Build {} of project {}: claimed but its worker pod was never created; creating it",
        build.id(),
        build.projectId());
    return createPod(build, found.get());
  }

  private Next podFound(Build build, Pod pod) {
    Optional<WorkerPodOutcome> ended = WorkerPodOutcome.of(pod);
    if (ended.isPresent()) {
      recordEnd(build.id(), ended.get());
      return Next.DONE;
    }
    marks.record(build, pod);
    WorkerPodWatchdog.Verdict verdict = watchdog.judge(build.id(), pod, clock.instant());
    if (verdict.failure().isPresent()) {
      failAndDelete(build, pod, verdict.failure().get() + " " + build.id());
      return Next.DONE;
    }
    verdict.recheckAt().ifPresent(at -> recheck.accept(build.id(), at));
    verdict.startWaitNote().ifPresent(note -> startWaitNotes.write(build.id(), pod, note));
    return Next.RUNNING;
  }

  /**
   * Whether a change of the build's worker pod may call for a verdict ({@link
   * WorkerPodWatchdog#mayNeedVerdict}); the many changes that cannot (a pod created, scheduled,
   * pulling) are not worth re-reading the build for.
   */
  boolean mayNeedVerdict(String buildId, Pod pod) {
    return watchdog.mayNeedVerdict(buildId, pod);
  }

  /**
   * A worker pod that cannot start or ran too long: the build fails first (so the pod's deletion is
   * not reported as an unexpected one), then the pod goes and its slot is free. The build's job
   * pods go too: a deleted worker cannot cancel them, and they are not owned by its pod (a worker
   * that never started has none; finding that out costs one list call).
   */
  private void failAndDelete(Build build, Pod pod, String why) {
    fail(build, why);
    watchdog.forget(build.id());
    marks.forget(build.id());
    if (pods.delete(pod.getMetadata().getName())) {
      LOG.info("Build {}: worker pod {} deleted", build.id(), pod.getMetadata().getName());
    }
    int jobs = pods.deleteJobPods(build.id());
    if (jobs > 0) {
      LOG.info("Build {}: {} job pod(s) deleted with its worker pod", build.id(), jobs);
    }
  }

  /** Creates the worker pod; a pod the API server refuses as invalid fails the build. */
  private Next createPod(Build build, Project project) {
    if (!allowed(build, project)) {
      return Next.DONE;
    }
    List<String> ignored = WorkerPodFactory.ignoredSettings(project);
    if (!ignored.isEmpty()) {
      LOG.warn(
          "Build {}: project {} sets absolute paths {}; they must be relative to the repository"
              + " root, so they are ignored",
          build.id(),
          project.id(),
          ignored);
    }
    BuildSecretRef secret = BuildSecretRef.of(build, pods.namespace());
    Pod pod = factory.workerPod(secret, build, project);
    Optional<Pod> created;
    try {
      created = pods.create(pod);
    } catch (RejectedWorkerPodException e) {
      fail(
          build,
          "the Kubernetes API server rejected worker pod "
              + build.workerName()
              + " (HTTP "
              + e.code()
              + "): "
              + e.reason()
              + "; check the project's worker settings (worker.registry, worker.name, worker.tag,"
              + " workerCommand, imagePullSecrets, vcsSidecar, defaultScriptName,"
              + " defaultConfigName) and the controller's worker settings, then rerun the build"
              + " with brig rerun "
              + build.id());
      return Next.DONE;
    }
    if (created.isEmpty()) { // made by an earlier hand-off
      return pods.getLive(build.workerName())
          .map(existing -> podFound(build, existing))
          .orElse(Next.RUNNING); // deleted just now: the informer reports that
    }
    metrics.dispatched(build, clock.instant());
    marks.record(build, created.get());
    LOG.info(
        "Build {} of project {}: worker pod {} created",
        build.id(),
        project.id(),
        build.workerName());
    return Next.RUNNING;
  }

  /** The build's project, or empty after failing the build with a reason. */
  private Optional<Project> projectOf(Build build) {
    if (build.projectId().isBlank()) {
      fail(
          build,
          "build "
              + build.id()
              + " names no project (label project / data project_id is empty), so no worker can"
              + " run it; create builds with brig run PROJECT or set the project ID");
      return Optional.empty();
    }
    Optional<Project> project = projects.find(build.projectId());
    if (project.isEmpty()) {
      fail(
          build,
          "project "
              + build.projectId()
              + " not found; create it (brig project create) and rerun the build (brig rerun "
              + build.id()
              + ")");
    }
    return project;
  }

  /** False after failing the build when its project's job service account is not allowed. */
  private boolean allowed(Build build, Project project) {
    Optional<String> refusal = serviceAccounts.refusal(project, build.id());
    refusal.ifPresent(why -> fail(build, why));
    return refusal.isEmpty();
  }

  private void fail(Build build, String why) {
    endUnlessEnded(build.id(), s -> s.finished(false, 1, clock.instant(), why))
        .ifPresent(
            s ->
                LOG.warn(
                    "Build {} of project '{}' failed: {}", build.id(), build.projectId(), why));
  }

  /**
   * Applies {@code ending} to the build's current status unless it has ended, atomically (a cancel
   * that lands first stands).
   *
   * @return the status this call wrote; empty when it had ended, {@code ending} left it, or the
   *     build is gone
   */
  private Optional<BuildStatus> endUnlessEnded(String buildId, UnaryOperator<BuildStatus> ending) {
    AtomicReference<BuildStatus> written = new AtomicReference<>();
    try {
      builds.updateStatus(
          buildId,
          s -> {
            BuildStatus next = s.phase().isTerminal() ? s : ending.apply(s);
            written.set(next.equals(s) ? null : next);
            return next;
          });
    } catch (BuildNotFoundException e) {
      return Optional.empty();
    }
    return Optional.ofNullable(written.get());
  }
}
