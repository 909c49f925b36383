package dev.kubeherd.cli;

import dev.kubeherd.core.local.DirectoryBuildFeed;
import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.DirectoryDeliveries;
import dev.kubeherd.core.local.DirectoryLogStore;
import dev.kubeherd.core.local.DirectoryProjectStore;
import dev.kubeherd.core.local.JournaledIntake;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.local.exec.JobGroups;
import dev.kubeherd.core.local.exec.JobWorkDirs;
import dev.kubeherd.core.local.exec.WorkDir;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.port.BuildFeed;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.Deliveries;
import dev.kubeherd.core.port.DeliveryIntake;
import dev.kubeherd.core.port.LogStore;
import dev.kubeherd.core.port.OrphanedJobs;
import dev.kubeherd.core.port.ProjectStore;
import dev.kubeherd.core.port.WorkerLauncher;
import dev.kubeherd.core.service.RecordedIntake;
import dev.kubeherd.worker.InProcessWorkerLauncher;
import dev.kubeherd.worker.metrics.WorkerMetrics;
import dev.kubeherd.worker.run.BuildWorker;
import dev.kubeherd.worker.run.LocalWorkspaces;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the commands' state lives and who runs workers: the local directory stores with in-process
 * workers, or a cluster's Secrets with workers started by the controller ({@code launchers} empty:
 * brig then waits for the controller instead of running the build itself).
 *
 * @param logPoll how often a follower re-reads a log (cheap locally, an API call in a cluster)
 * @param initLogs the log of a build's worker {@code vcs-sidecar} init container, when there is one
 *     (Kubernetes mode, while the worker pod exists)
 * @param deliveries webhook deliveries already turned into builds (the gateway's dedupe); empty for
 *     backends wired by hand without one
 * @param feed new and changed builds, for the gateway's GitHub status reporter; empty for backends
 *     wired by hand without one
 * @param intake opens the gateway's own delivery intake (local: the journal); empty for
 *     store-then-record over {@code builds} and {@code deliveries}
 * @param cluster the client and namespace of Kubernetes mode ({@code brig check}, {@code brig
 *     dashboard}); empty in local mode
 * @param orphanedJobs stops the jobs a dead local claimant left running ({@link JobGroups} in local
 *     mode, {@link OrphanedJobs#NONE} where jobs cannot outlive their worker)
 */
public record Backend(
    ProjectStore projects,
    BuildStore builds,
    LogStore logs,
    Optional<Function<JobRuntime, WorkerLauncher>> launchers,
    Duration logPoll,
    Function<Build, Optional<String>> initLogs,
    Optional<Deliveries> deliveries,
    Optional<BuildFeed> feed,
    Optional<Supplier<DeliveryIntake>> intake,
    Optional<KubeTarget> cluster,
    OrphanedJobs orphanedJobs) {

  static final Duration LOCAL_POLL = Duration.ofMillis(50);
  private static final Logger LOG = LoggerFactory.getLogger(Backend.class);

  /** Stores and one launcher for every job runtime; used by tests and the local mode. */
  public static Backend of(
      ProjectStore projects,
      BuildStore builds,
      LogStore logs,
      Function<JobRuntime, WorkerLauncher> launchers,
      Optional<Deliveries> deliveries) {
    return of(projects, builds, logs, launchers, deliveries, Optional.empty());
  }

  /** Stores, one launcher for every job runtime and a build feed. */
  public static Backend of(
      ProjectStore projects,
      BuildStore builds,
      LogStore logs,
      Function<JobRuntime, WorkerLauncher> launchers,
      Optional<Deliveries> deliveries,
      Optional<BuildFeed> feed) {
    return new Backend(
        projects,
        builds,
        logs,
        Optional.of(launchers),
        LOCAL_POLL,
        build -> Optional.empty(),
        deliveries,
        feed,
        Optional.empty(),
        Optional.empty(),
        OrphanedJobs.NONE);
  }

  /**
   * Local mode: the directory stores under {@code KUBEHERD_HOME} (default {@code ~/.kubeherd}), the
   * in-process worker, and jobs as local processes or containers (per-job directories on tmpfs when
   * there is one, see {@link JobWorkDirs}).
   */
  public static Backend local(Map<String, String> env, Clock clock) {
    return local(env, clock, WorkerMetrics.none());
  }

  /** {@link #local(Map, Clock)} with the in-process workers recording into {@code metrics}. */
  public static Backend local(Map<String, String> env, Clock clock, WorkerMetrics metrics) {
    LocalHome home = LocalHome.resolve(env);
    ProjectStore projects = new DirectoryProjectStore(home);
    DirectoryBuildStore builds = new DirectoryBuildStore(home, clock);
    LogStore logs = new DirectoryLogStore(home);
    WorkDir jobs = JobWorkDirs.preferred(env, home.root().resolve("jobs"));
    Map<JobRuntime, WorkerLauncher> launchers = new ConcurrentHashMap<>();
    Function<JobRuntime, WorkerLauncher> launcherFor =
        runtime ->
            launchers.computeIfAbsent(
                runtime,
                r ->
                    new InProcessWorkerLauncher(
                        new BuildWorker(
                                projects,
                                builds,
                                logs,
                                r.executor(jobs),
                                new LocalWorkspaces(home),
                                clock)
                            .withMetrics(metrics)));
    DirectoryDeliveries deliveries = new DirectoryDeliveries(home);
    return of(
            projects,
            builds,
            logs,
            launcherFor,
            Optional.of(deliveries),
            Optional.of(new DirectoryBuildFeed(home, builds)))
        .withIntake(() -> journaledIntake(home, builds, deliveries))
        .withOrphanedJobs(new JobGroups(jobs));
  }

  /** This backend, stopping the jobs a dead local claimant left running with {@code jobs}. */
  public Backend withOrphanedJobs(OrphanedJobs jobs) {
    return new Backend(
        projects,
        builds,
        logs,
        launchers,
        logPoll,
        initLogs,
        deliveries,
        feed,
        intake,
        cluster,
        jobs);
  }

  /** This backend with its own delivery intake. */
  public Backend withIntake(Supplier<DeliveryIntake> opener) {
    return new Backend(
        projects,
        builds,
        logs,
        launchers,
        logPoll,
        initLogs,
        deliveries,
        feed,
        Optional.of(opener),
        cluster,
        orphanedJobs);
  }

  /**
   * The journaled intake of the local store; when another process (a second gateway on the same
   * home) has the journal, store-then-record, which is safe beside it but slower.
   */
  private static DeliveryIntake journaledIntake(
      LocalHome home, DirectoryBuildStore builds, DirectoryDeliveries deliveries) {
    return JournaledIntake.open(home, builds, deliveries)
        .<DeliveryIntake>map(j -> j)
        .orElseGet(
            () -> {
              LOG.warn(
                  "Another process (a kubeherd server or gateway on the same KUBEHERD_HOME, {})"
                      + " has its delivery journal open; this one stores deliveries without it"
                      + " (safe, slower). If that other process should not be running, stop it",
                  home.root());
              return new RecordedIntake(builds, deliveries);
            });
  }

  /**
   * This backend, its log readers falling back to the S3 archive when {@code env} configures one
   * ({@code docs/logs.md}); writers (the workers) keep the store itself.
   */
  public Backend withArchive(Map<String, String> env) {
    LogStore archived = LogArchiving.readers(env, logs, builds);
    return archived == logs
        ? this
        : new Backend(
            projects,
            builds,
            archived,
            launchers,
            logPoll,
            initLogs,
            deliveries,
            feed,
            intake,
            cluster,
            orphanedJobs);
  }

  /** Whether this process runs the workers of the builds it creates. */
  public boolean runsWorkers() {
    return launchers.isPresent();
  }
}
