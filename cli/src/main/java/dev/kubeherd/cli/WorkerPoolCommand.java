package dev.kubeherd.cli;

import dev.kubeherd.core.metrics.MetricsEndpoint;
import dev.kubeherd.core.model.WorkerMode;
import dev.kubeherd.kube.KubeClients;
import dev.kubeherd.worker.kube.JobPodDefaults;
import dev.kubeherd.worker.kube.KubeWorkerPool;
import dev.kubeherd.worker.kube.WorkerPool;
import dev.kubeherd.worker.metrics.WorkerMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kubeherd worker-pool}: a warm worker for projects with {@code kubeherd.workerMode: pool}
 * (or all projects with {@code --default-mode pool}). Run it as a Deployment with several replicas:
 * each build is claimed by exactly one replica.
 */
@Command(
    name = "worker-pool",
    mixinStandardHelpOptions = true,
    description = "Run pool-mode builds in this long-running process, jobs as pods.")
public final class WorkerPoolCommand implements Callable<Integer> {
  @Option(
      names = {"-n", "--namespace"},
      defaultValue = "${env:BRIGADE_NAMESPACE:-default}",
      description = "Namespace of the builds (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(
      names = "--capacity",
      defaultValue = "${env:KUBEHERD_POOL_CAPACITY:-8}",
      description = "Builds run at once by this replica (default: ${DEFAULT-VALUE}).")
  int capacity;

  @Option(
      names = "--name",
      defaultValue = "${env:HOSTNAME:-worker-pool}",
      description = "How this replica claims builds (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(
      names = "--default-mode",
      defaultValue = "${env:KUBEHERD_WORKER_MODE:-pod}",
      description = "Mode of projects that choose none: pod or pool (default: ${DEFAULT-VALUE}).")
  String defaultMode;

  @Option(
      names = "--job-service-account",
      defaultValue = "${env:BRIGADE_JOB_SERVICE_ACCOUNT:-brigade-worker}",
      description = "Service account of job pods (default: ${DEFAULT-VALUE}).")
  String jobServiceAccount;

  @Option(
      names = "--project-service-account-regex",
      defaultValue = "${env:KUBEHERD_PROJECT_SERVICE_ACCOUNT_REGEX}",
      description =
          "Job service accounts a project may choose (its serviceAccount), matched in full, as the"
              + " controller's -project-service-account-regex (default: only"
              + " --job-service-account).")
  String projectServiceAccountRegex;

  @Option(
      names = "--scratch",
      defaultValue = "${sys:java.io.tmpdir}/kubeherd-pool",
      description =
          "Where build sources are checked out; checkouts an ended process left are removed at"
              + " start (default: ${DEFAULT-VALUE}).")
  Path scratch;

  @Option(
      names = "--metrics-port",
      defaultValue = "${env:KUBEHERD_METRICS_PORT:-0}",
      description =
          "Port of the Prometheus endpoint GET /metrics; 0 = none (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig file.")
  String kubeconfig;

  private final BrigApp app;

  public WorkerPoolCommand(BrigApp app) {
    this.app = app;
  }

  @Override
  public Integer call() throws Exception {
    WorkerMode mode =
        WorkerMode.parse(defaultMode)
            .orElseThrow(
                () -> new CliException("--default-mode must be pod or pool, not " + defaultMode));
    JobPodDefaults jobs =
        new JobPodDefaults(
            namespace,
            jobServiceAccount,
            serviceAccountRegex(),
            app.env().getOrDefault("BRIGADE_DEFAULT_BUILD_STORAGE_CLASS", ""),
            app.env().getOrDefault("BRIGADE_DEFAULT_CACHE_STORAGE_CLASS", ""));
    try (KubernetesClient client =
            KubeClients.connect(
                Optional.ofNullable(kubeconfig), Optional.empty(), Optional.empty());
        WorkerPool pool =
            KubeWorkerPool.start(
                client,
                jobs,
                mode,
                capacity,
                name,
                scratch,
                app.clock(),
                new WorkerMetrics(app.metrics()));
        AutoCloseable endpoint = metricsEndpoint()) {
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "pool-stop"));
      stopped.await();
    }
    return ExitCodes.OK;
  }

  /** The regex job service accounts must match; unset or empty: only the job service account. */
  private String serviceAccountRegex() {
    String regex =
        projectServiceAccountRegex == null || projectServiceAccountRegex.isEmpty()
            ? Pattern.quote(jobServiceAccount)
            : projectServiceAccountRegex;
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new CliException(
          "--project-service-account-regex is not a regex ("
              + e.getDescription()
              + "): "
              + regex
              + "; give a Java regex such as 'deploy-.*'");
    }
    return regex;
  }

  private AutoCloseable metricsEndpoint() {
    if (metricsPort == 0) {
      return () -> {};
    }
    try {
      return MetricsEndpoint.start("0.0.0.0", metricsPort, app.metrics()::scrape);
    } catch (UncheckedIOException e) {
      throw new CliException(e.getMessage(), e);
    }
  }
}
