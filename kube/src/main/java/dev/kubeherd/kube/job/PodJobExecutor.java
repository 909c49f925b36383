package dev.kubeherd.kube.job;

import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.core.port.JobExecutor;
import dev.kubeherd.core.port.LogSink;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * Runs one build's jobs as Brigade v1 job pods (see {@link JobPodFactory}): per job the cache PVC
 * if missing, the build storage PVC on the first storage job ({@link BuildStorage}), the job
 * Secret, then the pod, which is followed by watch (no polling). It completes with the pod's log on
 * {@code Succeeded} and with the v1 failure texts otherwise; timeout, cancel and a container that
 * cannot start ({@code ErrImagePull} and {@code InvalidImageName} at once, {@code
 * CreateContainerConfigError} and {@code ErrImageNeverPull} once they have lasted {@link
 * #START_GRACE}) delete the pod. API calls failing with HTTP 5xx are retried ({@link
 * ServerErrorRetry}).
 *
 * <p>It writes its own v1 progress lines ({@code Creating secret X}, {@code Creating pod X}, {@code
 * Timeout set at N milliseconds}, {@code <ns>/<pod> phase <Phase>}) to {@code progress}, never a
 * secret value. Completions arrive on other threads; the caller marshals them to its script thread.
 * One executor per build: {@link #close()} it when the build ends.
 *
 * <p>{@code streamLogs} jobs also have their log followed while they run, line by line.
 */
public final class PodJobExecutor implements JobExecutor, AutoCloseable {
  /**
   * How long a container may wait for a reason that may clear by itself ({@link
   * PodStates#MAY_CLEAR}, e.g. {@code CreateContainerConfigError} while the kubelet's Secret cache
   * syncs) before its job fails, counted from when the job first saw that reason.
   */
  public static final Duration START_GRACE = Duration.ofSeconds(60);

  private final Shared shared;
  private final boolean ownsWatch;

  /**
   * With its own watch on the build's job pods ({@link JobPodWatch#forBuild}), closed with it.
   *
   * @param client the cluster
   * @param factory the build's pod factory
   * @param storage the build's storage claim; the worker releases it at the end of the build
   * @param retry the back-off for server errors ({@link ServerErrorRetry#V1} in production)
   * @param progress receives whole build-log lines ({@code [brigade:k8s] ...}), from any thread
   */
  public PodJobExecutor(
      KubernetesClient client,
      JobPodFactory factory,
      BuildStorage storage,
      ServerErrorRetry retry,
      Consumer<String> progress) {
    this(client, factory, storage, retry, progress, START_GRACE);
  }

  /** As the public one with its own watch, with another {@code startGrace} (tests). */
  PodJobExecutor(
      KubernetesClient client,
      JobPodFactory factory,
      BuildStorage storage,
      ServerErrorRetry retry,
      Consumer<String> progress,
      Duration startGrace) {
    this(
        client,
        factory,
        storage,
        retry,
        progress,
        JobPodWatch.forBuild(client, factory.context().namespace(), factory.context().buildId()),
        true,
        startGrace);
  }

  /**
   * With the process's shared {@code watch} (one informer for all builds; it stays open when this
   * executor closes).
   */
  public PodJobExecutor(
      KubernetesClient client,
      JobPodFactory factory,
      BuildStorage storage,
      ServerErrorRetry retry,
      Consumer<String> progress,
      JobPodWatch watch) {
    this(client, factory, storage, retry, progress, watch, false, START_GRACE);
  }

  private PodJobExecutor(
      KubernetesClient client,
      JobPodFactory factory,
      BuildStorage storage,
      ServerErrorRetry retry,
      Consumer<String> progress,
      JobPodWatch watch,
      boolean ownsWatch,
      Duration startGrace) {
    this.ownsWatch = ownsWatch;
    ScheduledExecutorService timers =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform()
                .name("job-timeouts-" + factory.context().buildId())
                .daemon()
                .factory());
    this.shared =
        new Shared(
            client,
            factory,
            storage,
            new JobCaches(client, factory, retry),
            retry,
            progress,
            timers,
            watch,
            startGrace);
  }

  @Override
  public JobHandle start(JobSpec spec, LogSink log) {
    PodRun run = new PodRun(shared, spec, log);
    run.start();
    return run;
  }

  @Override
  public boolean reportsProgress() {
    return true;
  }

  /**
   * Stops the timeout timer thread and the build's pod watch; jobs still running are not touched
   * (cancel them first).
   */
  @Override
  public void close() {
    shared.scheduler().shutdownNow();
    if (ownsWatch) {
      shared.watch().close();
    }
  }

  /**
   * What every job of the executor uses; {@code startGrace} is how long a reason that may clear
   * keeps a container waiting before its job fails ({@link #START_GRACE} in production).
   */
  record Shared(
      KubernetesClient client,
      JobPodFactory factory,
      BuildStorage storage,
      JobCaches caches,
      ServerErrorRetry retry,
      Consumer<String> progress,
      ScheduledExecutorService scheduler,
      JobPodWatch watch,
      Duration startGrace) {

    NonNamespaceOperation<Pod, PodList, PodResource> pods(String ns) {
      return client.pods().inNamespace(ns);
    }

    NonNamespaceOperation<Secret, SecretList, Resource<Secret>> secrets(String ns) {
      MixedOperation<Secret, SecretList, Resource<Secret>> all = client.secrets();
      return all.inNamespace(ns);
    }
  }
}
