package dev.kubeherd.kube.job;

import dev.kubeherd.core.model.JobResult;
import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.core.port.JobExecutor.JobHandle;
import dev.kubeherd.core.port.LogSink;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Shared fixture of the {@link PodJobExecutor} tests against the fabric8 mock API server (CRUD
 * mode): builds executors, collects their progress and job log, and plays the kubelet (serves a
 * pod's log and sets its status). Each test class passes in the client and server that
 * {@code @EnableMockKube} injected into it, and closes the fixture after each test.
 */
final class MockKubeJobs implements AutoCloseable {
  static final String NS = TestJobs.NAMESPACE;
  static final ServerErrorRetry FAST = new ServerErrorRetry(3, Duration.ofMillis(10));

  final KubernetesClient client;
  final KubernetesMockServer server;
  final List<String> progress = new CopyOnWriteArrayList<>();
  private final StringBuilder jobLog = new StringBuilder();
  private final List<PodJobExecutor> executors = new CopyOnWriteArrayList<>();

  MockKubeJobs(KubernetesClient client, KubernetesMockServer server) {
    this.client = client;
    this.server = server;
  }

  /** Closes every executor made by {@link #executor}. */
  @Override
  public void close() {
    executors.forEach(PodJobExecutor::close);
  }

  static JobPodFactory factory(String build) {
    return new JobPodFactory(
        TestJobs.context(TestJobs.project(TestJobs.projectData()), build), TestJobs.CLOCK);
  }

  PodJobExecutor executor(String build) {
    JobPodFactory factory = factory(build);
    return executor(factory, new BuildStorage(client, factory, FAST, progress::add));
  }

  /** An executor whose start grace ({@link PodJobExecutor#START_GRACE}) is {@code startGrace}. */
  PodJobExecutor executor(String build, Duration startGrace) {
    JobPodFactory factory = factory(build);
    BuildStorage storage = new BuildStorage(client, factory, FAST, progress::add);
    PodJobExecutor e =
        new PodJobExecutor(client, factory, storage, FAST, progress::add, startGrace);
    executors.add(e);
    return e;
  }

  PodJobExecutor executor(JobPodFactory factory, BuildStorage storage) {
    PodJobExecutor e = new PodJobExecutor(client, factory, storage, FAST, progress::add);
    executors.add(e);
    return e;
  }

  LogSink sink() {
    return new LogSink() {
      @Override
      public void write(String text) {
        synchronized (jobLog) {
          jobLog.append(text);
        }
      }

      @Override
      public void close() {}
    };
  }

  /** What the sinks made by {@link #sink()} received so far. */
  String jobLog() {
    synchronized (jobLog) {
      return jobLog.toString();
    }
  }

  /** Once the pod exists: serves {@code log} as its log, then applies each status in turn. */
  void kubelet(String pod, String log, PodStatus... statuses) {
    Thread.ofVirtual()
        .start(
            () -> {
              until(() -> pods().withName(pod).get() != null, Duration.ofSeconds(10));
              server.expect().get().withPath(logPath(pod)).andReturn(200, log).always();
              for (PodStatus s : statuses) {
                setStatus(pod, s);
              }
            });
  }

  /** Serves {@code text} as the followed (streamed) log of the job's pod. */
  void followedLog(JobSpec spec, String text) {
    server
        .expect()
        .get()
        .withPath(logPath(spec.podName()) + "&follow=true")
        .andReturn(200, text)
        .always();
  }

  void setStatus(String pod, PodStatus status) {
    pods().withName(pod).editStatus(p -> new PodBuilder(p).withStatus(status).build());
  }

  NonNamespaceOperation<Pod, PodList, PodResource> pods() {
    return client.pods().inNamespace(NS);
  }

  private static String logPath(String pod) {
    return "/api/v1/namespaces/"
        + NS
        + "/pods/"
        + pod
        + "/log?pretty=false&container="
        + JobPodFactory.CONTAINER;
  }

  /** Polls {@code condition} (test side only) until it holds; fails after {@code limit}. */
  static void until(BooleanSupplier condition, Duration limit) {
    long end = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within " + limit);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  static PodStatus phase(String phase) {
    return new PodStatusBuilder().withPhase(phase).build();
  }

  static JobResult resultOf(JobHandle handle) throws Exception {
    return handle.completion().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  static JobSpec job(String build, String name, Consumer<TestJobs.Job> change) {
    return TestJobs.job(name)
        .tasks("echo hello")
        .env("API_TOKEN", "tok-123-secret")
        .with(j -> j.build = build)
        .with(change)
        .spec();
  }
}
