package dev.kubeherd.kube.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.JobPodOptions.Cache;
import dev.kubeherd.core.model.JobPodOptions.Storage;
import dev.kubeherd.core.model.JobResult;
import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.core.port.JobExecutor.JobHandle;
import dev.kubeherd.core.port.LogSink;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PodJobExecutor} against the fabric8 mock API server (CRUD mode). The test plays the
 * kubelet: once the job pod exists it serves the pod's log and sets its status.
 */
@EnableKubernetesMockClient(crud = true)
class PodJobExecutorMockKubeTest {
  static KubernetesClient client;
  static KubernetesMockServer server;
  static final String NS = TestJobs.NAMESPACE;
  static final ServerErrorRetry FAST = new ServerErrorRetry(3, Duration.ofMillis(10));

  final List<String> progress = new CopyOnWriteArrayList<>();
  final StringBuilder jobLog = new StringBuilder();
  final List<PodJobExecutor> executors = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeExecutors() {
    executors.forEach(PodJobExecutor::close);
  }

  PodJobExecutor executor(String build) {
    JobPodFactory factory =
        new JobPodFactory(
            TestJobs.context(TestJobs.project(TestJobs.projectData()), build), TestJobs.CLOCK);
    PodJobExecutor e =
        new PodJobExecutor(
            client,
            factory,
            new BuildStorage(client, factory, FAST, progress::add),
            FAST,
            progress::add);
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

  /** Once the pod exists: serves {@code log} as its log, then applies each status in turn. */
  static void kubelet(String pod, String log, PodStatus... statuses) {
    Thread.ofVirtual()
        .start(
            () -> {
              until(() -> pods().withName(pod).get() != null, Duration.ofSeconds(10));
              server
                  .expect()
                  .get()
                  .withPath(
                      "/api/v1/namespaces/"
                          + NS
                          + "/pods/"
                          + pod
                          + "/log?pretty=false&container="
                          + JobPodFactory.CONTAINER)
                  .andReturn(200, log)
                  .always();
              for (PodStatus s : statuses) {
                pods().withName(pod).editStatus(p -> new PodBuilder(p).withStatus(s).build());
              }
            });
  }

  static io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
          Pod,
          io.fabric8.kubernetes.api.model.PodList,
          io.fabric8.kubernetes.client.dsl.PodResource>
      pods() {
    return client.pods().inNamespace(NS);
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

  @Test
  void succeededPodCompletesWithItsLogAfterSecretThenPod() throws Exception {
    String build = "01build0000000000000000001";
    JobSpec spec = job(build, "ok", j -> j.timeout = Duration.ofMinutes(1));
    kubelet(
        spec.podName(), "hello\nworld\n", phase("Pending"), phase("Running"), phase("Succeeded"));

    JobResult result = resultOf(executor(build).start(spec, sink()));

    assertThat(result.succeeded()).as(result.toString()).isTrue();
    assertThat(result.log()).isEqualTo("hello\nworld\n");
    assertThat(jobLog).hasToString("hello\nworld\n");
    Secret secret = client.secrets().inNamespace(NS).withName(spec.podName()).get();
    assertThat(secret.getType()).isEqualTo("brigade.sh/job");
    assertThat(pods().withName(spec.podName()).get().getMetadata().getLabels())
        .containsEntry("jobname", "ok")
        .containsEntry("build", build);
    assertThat(progress)
        .containsSubsequence(
            "[brigade:k8s] Creating secret " + spec.podName(),
            "[brigade:k8s] Creating pod " + spec.podName(),
            "[brigade:k8s] Timeout set at 60000 milliseconds",
            // phases in between may be coalesced by the watch (v1's 2 s poll skipped them too)
            "[brigade:k8s] " + NS + "/" + spec.podName() + " phase Succeeded")
        .noneMatch(line -> line.contains("tok-123-secret"));
  }

  @Test
  void streamLogsPrintsEachLineWhileThePodRuns() throws Exception {
    String build = "01build000000000000000000s";
    JobSpec spec = job(build, "chatty", j -> j.streamLogs = true);
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/"
                + NS
                + "/pods/"
                + spec.podName()
                + "/log?pretty=false&container="
                + JobPodFactory.CONTAINER
                + "&follow=true")
        .andReturn(200, "step one\nstep two\n")
        .always();
    kubelet(spec.podName(), "step one\nstep two\n", phase("Running"));

    JobHandle handle = executor(build).start(spec, sink());
    until(
        () -> progress.contains("[brigade:k8s] " + NS + "/" + spec.podName() + " logs step two"),
        Duration.ofSeconds(10));
    pods()
        .withName(spec.podName())
        .editStatus(p -> new PodBuilder(p).withStatus(phase("Succeeded")).build());

    assertThat(resultOf(handle).succeeded()).isTrue();
    assertThat(progress)
        .containsSubsequence(
            "[brigade:k8s] " + NS + "/" + spec.podName() + " phase Running",
            "[brigade:k8s] " + NS + "/" + spec.podName() + " logs step one",
            "[brigade:k8s] " + NS + "/" + spec.podName() + " logs step two");
  }

  @Test
  void theLogStreamsIntoTheJobLogWhileThePodRunsAndOutlivesItsDeletion() throws Exception {
    String build = "01build000000000000000000d";
    JobSpec spec = job(build, "doomed", j -> {});
    followedLog(spec, "working\nstill working\n");
    kubelet(spec.podName(), "", phase("Running"));

    JobHandle handle = executor(build).start(spec, sink());
    until(() -> jobLog().equals("working\nstill working\n"), Duration.ofSeconds(10));
    pods().withName(spec.podName()).delete();

    JobResult result = resultOf(handle);
    assertThat(result.succeeded()).isFalse();
    assertThat(result.failure()).contains("was deleted before it ran to completion");
    assertThat(jobLog()).isEqualTo("working\nstill working\n");
    assertThat(progress).noneMatch(line -> line.contains(" logs working"));
  }

  @Test
  void aStreamedLogIsStoredOnceWithWhatTheStreamMissedAddedAtTheEnd() throws Exception {
    String build = "01build000000000000000000e";
    JobSpec spec = job(build, "whole", j -> {});
    followedLog(spec, "one\ntwo\n");
    kubelet(spec.podName(), "one\ntwo\nthree, no newline", phase("Running"));

    JobHandle handle = executor(build).start(spec, sink());
    until(() -> jobLog().equals("one\ntwo\n"), Duration.ofSeconds(10));
    pods()
        .withName(spec.podName())
        .editStatus(p -> new PodBuilder(p).withStatus(phase("Succeeded")).build());

    assertThat(resultOf(handle).log()).isEqualTo("one\ntwo\nthree, no newline");
    assertThat(jobLog()).isEqualTo("one\ntwo\nthree, no newline");
  }

  private String jobLog() {
    synchronized (jobLog) {
      return jobLog.toString();
    }
  }

  private static void followedLog(JobSpec spec, String text) {
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/"
                + NS
                + "/pods/"
                + spec.podName()
                + "/log?pretty=false&container="
                + JobPodFactory.CONTAINER
                + "&follow=true")
        .andReturn(200, text)
        .always();
  }

  @Test
  void failedPodRejectsWithTheV1TextAndItsExitCode() throws Exception {
    String build = "01build0000000000000000002";
    JobSpec spec = job(build, "bad", j -> {});
    PodStatus failed =
        new PodStatusBuilder()
            .withPhase("Failed")
            .addNewContainerStatus()
            .withName(JobPodFactory.CONTAINER)
            .withNewState()
            .withNewTerminated()
            .withExitCode(3)
            .endTerminated()
            .endState()
            .endContainerStatus()
            .build();
    kubelet(spec.podName(), "boom\n", phase("Running"), failed);

    JobResult result = resultOf(executor(build).start(spec, sink()));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.failure())
        .isEqualTo("Error: Pod " + spec.podName() + " failed to run to completion");
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.log()).isEqualTo("boom\n");
  }

  @Test
  void errImagePullDeletesThePodAndRejectsWithTheWaitingMessage() throws Exception {
    String build = "01build0000000000000000003";
    JobSpec spec = job(build, "nopull", j -> j.image = "no/such:image");
    PodStatus pull =
        new PodStatusBuilder()
            .withPhase("Pending")
            .addNewContainerStatus()
            .withName(JobPodFactory.CONTAINER)
            .withNewState()
            .withNewWaiting()
            .withReason("ErrImagePull")
            .withMessage("pull access denied for no/such")
            .endWaiting()
            .endState()
            .endContainerStatus()
            .build();
    kubelet(spec.podName(), "", pull);

    JobResult result = resultOf(executor(build).start(spec, sink()));

    assertThat(result.failure()).isEqualTo("pull access denied for no/such");
    assertThat(pods().withName(spec.podName()).get()).isNull();
  }

  @Test
  void timeoutDeletesThePodAndRejectsWithTheV1Text() throws Exception {
    String build = "01build0000000000000000004";
    JobSpec spec = job(build, "slow", j -> j.timeout = Duration.ofMillis(400));
    kubelet(spec.podName(), "partial\n", phase("Running"));

    JobResult result = resultOf(executor(build).start(spec, sink()));

    assertThat(result.failure()).isEqualTo("Error: time limit (400 ms) exceeded");
    assertThat(result.log()).isEqualTo("partial\n");
    assertThat(pods().withName(spec.podName()).get()).isNull();
  }

  @Test
  void cancelDeletesThePod() throws Exception {
    String build = "01build0000000000000000005";
    JobSpec spec = job(build, "stopme", j -> {});
    kubelet(spec.podName(), "", phase("Running"));
    JobHandle handle = executor(build).start(spec, sink());
    until(
        () -> progress.stream().anyMatch(l -> l.endsWith("phase Running")), Duration.ofSeconds(10));

    handle.cancel();

    assertThat(resultOf(handle).succeeded()).isFalse();
    until(() -> pods().withName(spec.podName()).get() == null, Duration.ofSeconds(5));
  }

  @Test
  void cachePvcIsCreatedOnceAndReusedByLaterBuilds() throws Exception {
    String first = "01build0000000000000000006";
    String second = "01build0000000000000000007";
    JobSpec one = job(first, "cached", j -> j.cache = new Cache(true, "2Gi", ""));
    JobSpec two = job(second, "cached", j -> j.cache = new Cache(true, "9Gi", ""));
    kubelet(one.podName(), "1\n", phase("Succeeded"));
    assertThat(resultOf(executor(first).start(one, sink())).failure()).isEmpty();
    PersistentVolumeClaim created =
        client
            .persistentVolumeClaims()
            .inNamespace(NS)
            .withName("github-com-org-repo-cached")
            .get();
    assertThat(created.getSpec().getResources().getRequests().get("storage"))
        .isEqualTo(new Quantity("2Gi"));

    kubelet(two.podName(), "2\n", phase("Succeeded"));
    assertThat(resultOf(executor(second).start(two, sink())).failure()).isEmpty();

    PersistentVolumeClaim reused =
        client
            .persistentVolumeClaims()
            .inNamespace(NS)
            .withName("github-com-org-repo-cached")
            .get();
    assertThat(reused.getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());
    assertThat(reused.getSpec().getResources().getRequests().get("storage"))
        .isEqualTo(new Quantity("2Gi"));
  }

  @Test
  void buildStorageIsCreatedByTheFirstStorageJobAndReleasedAtTheEnd() throws Exception {
    String build = "01build0000000000000000008";
    JobPodFactory factory =
        new JobPodFactory(
            TestJobs.context(TestJobs.project(TestJobs.projectData()), build), TestJobs.CLOCK);
    BuildStorage storage = new BuildStorage(client, factory, FAST, progress::add);
    PodJobExecutor executor = new PodJobExecutor(client, factory, storage, FAST, progress::add);
    executors.add(executor);
    var claims = client.persistentVolumeClaims().inNamespace(NS);
    String claim = "brigade-worker-" + build;
    JobSpec plain = job(build, "nostore", j -> {});
    kubelet(plain.podName(), "", phase("Succeeded"));
    resultOf(executor.start(plain, sink()));
    assertThat(claims.withName(claim).get()).as("no storage job yet").isNull();

    JobSpec stored = job(build, "store", j -> j.storage = new Storage(true, ""));
    kubelet(stored.podName(), "", phase("Succeeded"));
    assertThat(resultOf(executor.start(stored, sink())).failure()).isEmpty();
    assertThat(claims.withName(claim).get()).isNotNull();

    storage.release();
    assertThat(claims.withName(claim).get()).isNull();
  }

  @Test
  void serverErrorsAreRetriedByTheExecutor() throws Exception {
    String build = "01build0000000000000000009";
    JobSpec spec = job(build, "retry", j -> {});
    server
        .expect()
        .post()
        .withPath("/api/v1/namespaces/" + NS + "/secrets")
        .andReturn(503, "{\"kind\":\"Status\",\"code\":503,\"message\":\"etcd busy\"}")
        .once();
    kubelet(spec.podName(), "ok\n", phase("Succeeded"));
    Config noClientRetry =
        new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build();
    JobResult result;
    try (KubernetesClient plain = new KubernetesClientBuilder().withConfig(noClientRetry).build()) {
      JobPodFactory factory =
          new JobPodFactory(
              TestJobs.context(TestJobs.project(TestJobs.projectData()), build), TestJobs.CLOCK);
      try (PodJobExecutor executor =
          new PodJobExecutor(
              plain,
              factory,
              new BuildStorage(plain, factory, FAST, progress::add),
              FAST,
              progress::add)) {
        result = resultOf(executor.start(spec, sink()));
      }
    }

    assertThat(result.succeeded()).isTrue();
    assertThat(client.secrets().inNamespace(NS).withName(spec.podName()).get()).isNotNull();
  }

  @Test
  void apiRefusalRejectsWithTheServersMessage() throws Exception {
    String build = "01build000000000000000000a";
    JobSpec spec = job(build, "dup", j -> {});
    client
        .secrets()
        .inNamespace(NS)
        .resource(
            new JobPodFactory(
                    TestJobs.context(TestJobs.project(TestJobs.projectData()), build),
                    TestJobs.CLOCK)
                .secret(spec))
        .create();

    JobResult result = resultOf(executor(build).start(spec, sink()));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.failure()).startsWith("Error: ").contains("already exists");
    assertThat(pods().withName(spec.podName()).get()).isNull();
  }
}
