package dev.kubeherd.worker.kube;

import dev.kubeherd.core.model.WorkerMode;
import dev.kubeherd.kube.store.ConfigMapLogStore;
import dev.kubeherd.kube.store.SecretBuildFeed;
import dev.kubeherd.kube.store.SecretBuildStore;
import dev.kubeherd.kube.store.SecretProjectStore;
import dev.kubeherd.worker.InProcessWorkerLauncher;
import dev.kubeherd.worker.metrics.WorkerMetrics;
import dev.kubeherd.worker.run.BuildWorker;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;

/** The composition of a warm pool worker in a namespace: Secret stores, feed, jobs as pods. */
public final class KubeWorkerPool {
  private KubeWorkerPool() {}

  /**
   * @param scratch where the pool checks out each build's source ({@code <scratch>/<build>/src}); a
   *     build's directory is removed when the build ends, and those an ended process left are
   *     removed before the pool takes a build ({@link PoolScratch})
   */
  public static WorkerPool start(
      KubernetesClient client,
      JobPodDefaults jobPods,
      WorkerMode defaultMode,
      int capacity,
      String name,
      Path scratch,
      Clock clock) {
    return start(
        client, jobPods, defaultMode, capacity, name, scratch, clock, WorkerMetrics.none());
  }

  /**
   * {@link #start(KubernetesClient, JobPodDefaults, WorkerMode, int, String, Path, Clock)},
   * metered.
   */
  public static WorkerPool start(
      KubernetesClient client,
      JobPodDefaults jobPods,
      WorkerMode defaultMode,
      int capacity,
      String name,
      Path scratch,
      Clock clock,
      WorkerMetrics metrics) {
    PoolScratch held = PoolScratch.hold(scratch);
    try {
      return compose(client, jobPods, defaultMode, capacity, name, scratch, clock, metrics, held);
    } catch (RuntimeException e) {
      held.close();
      throw e;
    }
  }

  private static WorkerPool compose(
      KubernetesClient client,
      JobPodDefaults jobPods,
      WorkerMode defaultMode,
      int capacity,
      String name,
      Path scratch,
      Clock clock,
      WorkerMetrics metrics,
      PoolScratch held) {
    String ns = jobPods.namespace();
    SecretBuildStore builds = new SecretBuildStore(client, ns, clock);
    SecretProjectStore projects = new SecretProjectStore(client, ns);
    ConfigMapLogStore logs = new ConfigMapLogStore(client, ns, clock);
    PodBuildJobs jobs = new PodBuildJobs(client, jobPods, clock);
    PodWorkspaces workspaces = PodWorkspaces.perBuild(scratch);
    BuildWorker worker =
        new BuildWorker(projects, builds, logs, jobs, workspaces, clock).withMetrics(metrics);
    return new WorkerPool(
            new SecretBuildFeed(client, ns),
            builds,
            projects,
            new WorkspaceReleasingLauncher(new InProcessWorkerLauncher(worker), workspaces),
            defaultMode,
            capacity,
            name)
        .closing(jobs)
        .closing(logs)
        .closingAfterBuilds(held)
        .start();
  }
}
