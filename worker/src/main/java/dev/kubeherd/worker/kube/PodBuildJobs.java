package dev.kubeherd.worker.kube;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.port.JobExecutor;
import dev.kubeherd.kube.job.BuildStorage;
import dev.kubeherd.kube.job.JobPodContext;
import dev.kubeherd.kube.job.JobPodFactory;
import dev.kubeherd.kube.job.JobPodWatch;
import dev.kubeherd.kube.job.PodJobExecutor;
import dev.kubeherd.kube.job.ServerErrorRetry;
import dev.kubeherd.worker.job.JobSpecReader;
import dev.kubeherd.worker.run.BuildJobs;
import dev.kubeherd.worker.run.WorkerLog;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

/**
 * Kubernetes mode: each build's jobs run as v1 job pods in the build's namespace, through a {@link
 * PodJobExecutor} made for that build, all following their pods through one shared watch. When the
 * build ends its build storage PVC (made only if a job asked for storage) is deleted.
 */
public final class PodBuildJobs implements BuildJobs, AutoCloseable {
  private final KubernetesClient client;
  private final JobPodDefaults env;
  private final Clock clock;
  private final JobPodWatch watch;

  public PodBuildJobs(KubernetesClient client, JobPodDefaults env, Clock clock) {
    this.client = client;
    this.env = env;
    this.clock = clock;
    this.watch = new JobPodWatch(client, env.namespace());
  }

  /** Stops the one job pod watch all builds of this process share. */
  @Override
  public void close() {
    watch.close();
  }

  @Override
  public Session open(Build build, Project project, WorkerLog log) {
    var request = build.request();
    JobPodContext context =
        new JobPodContext(
            project,
            build.id(),
            build.workerName(),
            env.namespace(),
            request.revision().commit(),
            request.revision().ref(),
            request.provider(),
            request.type(),
            request.cloneUrl(),
            request.logLevel(),
            env.serviceAccount(),
            env.cacheStorageClass(),
            env.buildStorageClass());
    JobPodFactory factory = new JobPodFactory(context, clock);
    BuildStorage storage = new BuildStorage(client, factory, ServerErrorRetry.V1, log::warn);
    PodJobExecutor executor =
        new PodJobExecutor(client, factory, storage, ServerErrorRetry.V1, log::log, watch);
    return new Session() {
      @Override
      public JobExecutor executor() {
        return executor;
      }

      @Override
      public JobSpecReader.Target target() {
        return JobSpecReader.Target.KUBERNETES;
      }

      @Override
      public void close() {
        try {
          storage.release();
        } finally {
          executor.close();
        }
      }
    };
  }
}
