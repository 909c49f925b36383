package dev.kubeherd.controller;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one build and its worker pod in line, idempotently: a claimed build gets its pod (again,
 * if the controller died between claim and create); a pending one is reported for the queue; an
 * invalid one is failed with a reason; a pod that ended has its outcome recorded if the worker did
 * not. API and store errors propagate to the caller, which retries.
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
  private final WorkerPodFactory factory;
  private final Clock clock;
  private final WorkerMode defaultMode;
  private final ControllerMetrics metrics;

  BuildReconciler(
      BuildStore builds,
      ProjectStore projects,
      WorkerPods pods,
      WorkerPodFactory factory,
      Clock clock,
      WorkerMode defaultMode,
      ControllerMetrics metrics) {
    this.defaultMode = defaultMode;
    this.metrics = metrics;
    this.builds = builds;
    this.projects = new ProjectCache(projects, clock);
    this.pods = pods;
    this.factory = factory;
    this.clock = clock;
  }

  /** Level-based: looks at the build (and, once claimed, its pod) and acts on what it finds. */
  public Next reconcile(Build build) {
    if (build.id().isBlank()) {
      LOG.error("Ignoring a build without a build ID (project '{}')", build.projectId());
      return Next.DONE;
    }
    if (build.status().phase().isTerminal()) {
      return Next.DONE;
    }
    if (isClaimed(build)) {
      if (claimedElsewhere(build)) {
        return Next.DONE; // a pool worker or brig runs it: no pod, no slot
      }
      return ensurePod(build, Optional.empty());
    }
    Optional<Project> project = projectOf(build);
    if (project.isEmpty()) {
      return Next.DONE;
    }
    return WorkerMode.of(project.get(), defaultMode) == WorkerMode.POOL ? Next.DONE : Next.QUEUE;
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
    if (project.isEmpty() || WorkerMode.of(project.get(), defaultMode) == WorkerMode.POOL) {
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
    return ensurePod(build, project);
  }

  /** Records how the worker pod ended unless the build already has a final status. */
  public void recordEnd(String buildId, WorkerPodOutcome outcome) {
    Optional<Build> build = builds.find(buildId);
    if (build.isEmpty() || build.get().status().phase().isTerminal()) {
      return;
    }
    Instant at = outcome.finishedAt().orElseGet(clock::instant);
    BuildStatus status =
        build.get().status().finished(outcome.succeeded(), outcome.exitCode(), at, outcome.why());
    builds.updateStatus(buildId, status);
    LOG.info(
        "Build {} of project {} {} (worker pod ended, exit code {})",
        buildId,
        build.get().projectId(),
        status.phase().display(),
        outcome.exitCode());
  }

  /** The worker pod vanished: a started build that never reported an end has failed. */
  public void recordPodGone(String buildId, String podName) {
    Optional<Build> build = builds.find(buildId);
    if (build.isEmpty() || build.get().status().phase().isTerminal() || !isClaimed(build.get())) {
      return;
    }
    String why =
        "worker pod "
            + podName
            + " was deleted before the build finished; rerun it with brig rerun "
            + buildId;
    builds.updateStatus(buildId, build.get().status().finished(false, 1, clock.instant(), why));
    LOG.warn("Build {} of project {} failed: {}", buildId, build.get().projectId(), why);
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
        .ifPresent(
            id ->
                builds.updateStatus(
                    id, BuildStatus.pending().finished(false, 1, clock.instant(), why)));
  }

  static boolean isClaimed(Build build) {
    return !build.status().worker().isEmpty() || build.status().phase() != BuildPhase.PENDING;
  }

  /** The project is looked up only when the pod must be created (a running build needs none). */
  private Next ensurePod(Build build, Optional<Project> known) {
    Optional<Pod> existing = pods.get(build.workerName());
    if (existing.isPresent()) {
      Optional<WorkerPodOutcome> ended = WorkerPodOutcome.of(existing.get());
      if (ended.isPresent()) {
        recordEnd(build.id(), ended.get());
        return Next.DONE;
      }
      return Next.RUNNING;
    }
    Optional<Project> found = known.isPresent() ? known : projectOf(build);
    if (found.isEmpty()) {
      return Next.DONE;
    }
    Project project = found.get();
    List<String> ignored = WorkerPodFactory.ignoredSettings(project);
    if (!ignored.isEmpty()) {
      LOG.warn(
          "Build {}: project {} sets absolute paths {}; they must be relative to the repository"
              + " root, so they are ignored",
          build.id(),
          project.id(),
          ignored);
    }
    Pod pod = factory.workerPod(BuildSecretRef.of(build, pods.namespace()), build, project);
    if (pods.create(pod)) {
      metrics.dispatched(build, clock.instant());
      LOG.info(
          "Build {} of project {}: worker pod {} created",
          build.id(),
          project.id(),
          build.workerName());
    }
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

  private void fail(Build build, String why) {
    builds.updateStatus(build.id(), build.status().finished(false, 1, clock.instant(), why));
    LOG.warn("Build {} of project '{}' failed: {}", build.id(), build.projectId(), why);
  }
}
