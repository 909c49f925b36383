package dev.kubeherd.worker.kube;

import dev.kubeherd.core.KubeherdException;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.port.JobExecutor;
import dev.kubeherd.kube.job.BuildStorage;
import dev.kubeherd.kube.job.JobPodContext;
import dev.kubeherd.kube.job.JobPodFactory;
import dev.kubeherd.kube.job.JobPodWatch;
import dev.kubeherd.kube.job.JobServiceAccountRule;
import dev.kubeherd.kube.job.PodJobExecutor;
import dev.kubeherd.kube.job.ServerErrorRetry;
import dev.kubeherd.worker.job.JobSpecReader;
import dev.kubeherd.worker.run.BuildJobs;
import dev.kubeherd.worker.run.WorkerLog;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.Optional;

/**
 * Kubernetes mode: each build's jobs run as v1 job pods in the build's namespace, through a {@link
 * PodJobExecutor} made for that build, all following their pods through one shared watch: on every
 * job pod of the namespace for a warm pool, on the build's own job pods for a worker pod ({@link
 * #forBuild}). Job pods run as the project's {@code serviceAccount}, else the default one, and a
 * build whose account the operator does not allow is refused (as the controller does, {@link
 * JobServiceAccountRule}). When the build ends its build storage PVC (made only if a job asked for
 * storage) is deleted.
 */
public final class PodBuildJobs implements BuildJobs, AutoCloseable {
  private final KubernetesClient client;
  private final JobPodDefaults env;
  private final JobServiceAccountRule serviceAccounts;
  private final Clock clock;
  private final JobPodWatch watch;
  private final Optional<String> onlyBuild;

  /** For a process that runs many builds (a warm pool). */
  public PodBuildJobs(KubernetesClient client, JobPodDefaults env, Clock clock) {
    this(client, env, clock, new JobPodWatch(client, env.namespace()), Optional.empty());
  }

  private PodBuildJobs(
      KubernetesClient client,
      JobPodDefaults env,
      Clock clock,
      JobPodWatch watch,
      Optional<String> onlyBuild) {
    this.client = client;
    this.env = env;
    this.serviceAccounts = env.serviceAccounts();
    this.clock = clock;
    this.watch = watch;
    this.onlyBuild = onlyBuild;
  }

  /** For a process that runs build {@code buildId} only (a worker pod): watches just its pods. */
  public static PodBuildJobs forBuild(
      KubernetesClient client, JobPodDefaults env, Clock clock, String buildId) {
    return new PodBuildJobs(
        client,
        env,
        clock,
        JobPodWatch.forBuild(client, env.namespace(), buildId),
        Optional.of(buildId));
  }

  /** Stops the one job pod watch all builds of this process share. */
  @Override
  public void close() {
    watch.close();
  }

  @Override
  public Session open(Build build, Project project, WorkerLog log) {
    if (onlyBuild.isPresent() && !onlyBuild.get().equals(build.id())) {
      throw new IllegalArgumentException(
          "these job pods watch only build "
              + onlyBuild.get()
              + "'s pods, so they cannot run build "
              + build.id()
              + "; make PodBuildJobs without a build for a process that runs many");
    }
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
            serviceAccounts.effective(project),
            env.cacheStorageClass(),
            env.buildStorageClass());
    checkServiceAccount(context);
    JobPodFactory factory = new JobPodFactory(context, clock);
    BuildStorage storage = new BuildStorage(client, factory, ServerErrorRetry.V1, log::warn);
    PodJobExecutor executor =
        new PodJobExecutor(client, factory, storage, ServerErrorRetry.V1, log::log, watch);
    return session(executor, storage);
  }

  private static Session session(PodJobExecutor executor, BuildStorage storage) {
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

  /**
   * Refuses a build whose job service account the operator does not allow, before any job pod is
   * made, as the controller refuses such a build before its worker pod is.
   */
  private void checkServiceAccount(JobPodContext context) {
    String sa = context.serviceAccount();
    if (serviceAccounts.allows(sa)) {
      return;
    }
    String rule =
        "job service accounts must match the regex '"
            + serviceAccounts.regex()
            + "' (worker-pool option --project-service-account-regex,"
            + " KUBEHERD_PROJECT_SERVICE_ACCOUNT_REGEX)";
    String whose =
        JobServiceAccountRule.projectChooses(context.project())
            ? "project " + context.project().id() + " sets serviceAccount '" + sa + "' for its jobs"
            : "the pool's job service account '" + sa + "' (--job-service-account)";
    throw new KubeherdException(
        whose
            + ", which this worker pool does not allow: "
            + rule
            + "; change the project's serviceAccount or have the operator widen that setting, then"
            + " rerun the build (brig rerun "
            + context.buildId()
            + ")");
  }
}
