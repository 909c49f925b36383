package dev.kubeherd.kube.job;

import static dev.kubeherd.kube.job.MockKubeJobs.NS;
import static dev.kubeherd.kube.job.MockKubeJobs.job;
import static dev.kubeherd.kube.job.MockKubeJobs.phase;
import static dev.kubeherd.kube.job.MockKubeJobs.resultOf;
import static dev.kubeherd.kube.job.MockKubeJobs.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.JobResult;
import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.core.port.JobExecutor.JobHandle;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PodJobExecutor} against the fabric8 mock API server (CRUD mode): how a job pod ends —
 * success, failure, image pull error, timeout, cancel. The test plays the kubelet.
 */
@EnableMockKube
class PodJobExecutorLifecycleTest {
  static KubernetesClient client;
  static KubernetesMockServer server;

  MockKubeJobs kube;

  @BeforeEach
  void fixture() {
    kube = new MockKubeJobs(client, server);
  }

  @AfterEach
  void closeExecutors() {
    kube.close();
  }

  @Test
  void succeededPodCompletesWithItsLogAfterSecretThenPod() throws Exception {
    String build = "01build0000000000000000001";
    JobSpec spec = job(build, "ok", j -> j.timeout = Duration.ofMinutes(1));
    kube.kubelet(
        spec.podName(), "hello\nworld\n", phase("Pending"), phase("Running"), phase("Succeeded"));

    JobResult result = resultOf(kube.executor(build).start(spec, kube.sink()));

    assertThat(result.succeeded()).as(result.toString()).isTrue();
    assertThat(result.log()).isEqualTo("hello\nworld\n");
    assertThat(kube.jobLog()).isEqualTo("hello\nworld\n");
    Secret secret = client.secrets().inNamespace(NS).withName(spec.podName()).get();
    assertThat(secret.getType()).isEqualTo("brigade.sh/job");
    assertThat(kube.pods().withName(spec.podName()).get().getMetadata().getLabels())
        .containsEntry("jobname", "ok")
        .containsEntry("build", build);
    assertThat(kube.progress)
        .containsSubsequence(
            "[brigade:k8s] Creating secret " + spec.podName(),
            "[brigade:k8s] Creating pod " + spec.podName(),
            "[brigade:k8s] Timeout set at 60000 milliseconds",
            // phases in between may be coalesced by the watch (v1's 2 s poll skipped them too)
            "[brigade:k8s] " + NS + "/" + spec.podName() + " phase Succeeded")
        .noneMatch(line -> line.contains("tok-123-secret"));
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
    kube.kubelet(spec.podName(), "boom\n", phase("Running"), failed);

    JobResult result = resultOf(kube.executor(build).start(spec, kube.sink()));

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
    PodStatus pull = jobContainerWaiting("ErrImagePull", "pull access denied for no/such");
    kube.kubelet(spec.podName(), "", pull);

    JobResult result = resultOf(kube.executor(build).start(spec, kube.sink()));

    assertThat(result.failure()).isEqualTo("pull access denied for no/such");
    assertThat(kube.pods().withName(spec.podName()).get()).isNull();
  }

  @Test
  void aSecretCacheNotYetSyncedDoesNotFailAJobWhosePodThenStarts() throws Exception {
    JobSpec spec = job("01build0000000000000000013", "cachesync", j -> {});

    JobResult result =
        startsAfterWaiting(
            spec, configError("failed to sync secret cache: timed out waiting for the condition"));

    assertThat(result.succeeded()).as(result.toString()).isTrue();
    assertThat(result.log()).isEqualTo("cloned\n");
  }

  @Test
  void anImageNotYetOnTheNodeDoesNotFailAJobWhosePodThenStarts() throws Exception {
    JobSpec spec = job("01build0000000000000000016", "neverpull", j -> {});
    PodStatus neverPull =
        jobContainerWaiting(
            "ErrImageNeverPull",
            "Container image \"debian\" is not present with pull policy of Never");

    JobResult result = startsAfterWaiting(spec, neverPull);

    assertThat(result.succeeded()).as(result.toString()).isTrue();
  }

  /**
   * Runs {@code spec} with the production start grace; its pod shows {@code waiting} until the job
   * has seen it, then runs and succeeds with the log {@code cloned}.
   */
  private JobResult startsAfterWaiting(JobSpec spec, PodStatus waiting) throws Exception {
    kube.kubelet(spec.podName(), "cloned\n");
    JobHandle handle = kube.executor(spec.buildId()).start(spec, kube.sink());
    until(() -> kube.pods().withName(spec.podName()).get() != null, Duration.ofSeconds(10));
    kube.setStatus(spec.podName(), waiting);
    untilPhase(spec, "Pending");
    kube.setStatus(spec.podName(), phase("Running"));
    kube.setStatus(spec.podName(), phase("Succeeded"));
    return resultOf(handle);
  }

  @Test
  void aPodRunningWhenTheStartGraceIsOverIsNotFailedForAWaitThatCleared() throws Exception {
    JobSpec spec = job("01build0000000000000000017", "cleared", j -> {});
    Duration grace = Duration.ofMillis(300);
    kube.kubelet(spec.podName(), "cloned\n");
    JobHandle handle = kube.executor(spec.buildId(), grace).start(spec, kube.sink());
    until(() -> kube.pods().withName(spec.podName()).get() != null, Duration.ofSeconds(10));
    kube.setStatus(
        spec.podName(),
        configError("failed to sync secret cache: timed out waiting for the condition"));
    untilPhase(spec, "Pending");
    kube.setStatus(spec.podName(), phase("Running"));
    untilPhase(spec, "Running");

    Thread.sleep(grace.multipliedBy(3).toMillis());

    assertThat(kube.pods().withName(spec.podName()).get()).isNotNull();
    assertThat(handle.completion().toCompletableFuture()).isNotDone();
    kube.setStatus(spec.podName(), phase("Succeeded"));
    JobResult result = resultOf(handle);
    assertThat(result.succeeded()).as(result.toString()).isTrue();
    assertThat(result.log()).isEqualTo("cloned\n");
  }

  private void untilPhase(JobSpec spec, String phase) {
    until(
        () ->
            kube.progress.contains(
                "[brigade:k8s] " + NS + "/" + spec.podName() + " phase " + phase),
        Duration.ofSeconds(10));
  }

  @Test
  void aMissingSecretKeyOfTheVcsSidecarFailsTheJobOnceItLastsTheStartGrace() throws Exception {
    String build = "01build0000000000000000015";
    JobSpec spec = job(build, "nocert", j -> {});
    Duration grace = Duration.ofMillis(500);
    kube.kubelet(
        spec.podName(), "", configError("couldn't find key sshCert in Secret default/brigade-p"));

    long started = System.nanoTime();
    JobResult result = resultOf(kube.executor(build, grace).start(spec, kube.sink()));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(grace);
    assertThat(result.failure())
        .isEqualTo(
            "container vcs-sidecar cannot start (CreateContainerConfigError): couldn't find key"
                + " sshCert in Secret default/brigade-p");
    assertThat(kube.pods().withName(spec.podName()).get()).isNull();
  }

  /** A pending pod whose job container waits for {@code reason}, saying {@code message}. */
  private static PodStatus jobContainerWaiting(String reason, String message) {
    return new PodStatusBuilder()
        .withPhase("Pending")
        .addNewContainerStatus()
        .withName(JobPodFactory.CONTAINER)
        .withNewState()
        .withNewWaiting()
        .withReason(reason)
        .withMessage(message)
        .endWaiting()
        .endState()
        .endContainerStatus()
        .build();
  }

  /** A pending pod whose VCS init container waits on {@code CreateContainerConfigError}. */
  private static PodStatus configError(String message) {
    return new PodStatusBuilder()
        .withPhase("Pending")
        .addNewInitContainerStatus()
        .withName(VcsSidecar.NAME)
        .withNewState()
        .withNewWaiting()
        .withReason("CreateContainerConfigError")
        .withMessage(message)
        .endWaiting()
        .endState()
        .endInitContainerStatus()
        .addNewContainerStatus()
        .withName(JobPodFactory.CONTAINER)
        .withNewState()
        .withNewWaiting()
        .withReason("PodInitializing")
        .endWaiting()
        .endState()
        .endContainerStatus()
        .build();
  }

  @Test
  void anInvalidImageNameFailsTheJobAtOnceDespiteTheStartGrace() throws Exception {
    String build = "01build0000000000000000014";
    JobSpec spec = job(build, "badname", j -> j.image = "Not A Name");
    PodStatus invalid =
        jobContainerWaiting(
            "InvalidImageName",
            "Failed to apply default image tag \"Not A Name\": invalid reference format");
    kube.kubelet(spec.podName(), "", invalid);

    JobResult result = resultOf(kube.executor(build, Duration.ofHours(1)).start(spec, kube.sink()));

    assertThat(result.failure())
        .startsWith("container " + JobPodFactory.CONTAINER + " cannot start (InvalidImageName): ");
    assertThat(kube.pods().withName(spec.podName()).get()).isNull();
  }

  @Test
  void timeoutDeletesThePodAndRejectsWithTheV1Text() throws Exception {
    String build = "01build0000000000000000004";
    JobSpec spec = job(build, "slow", j -> j.timeout = Duration.ofMillis(400));
    kube.kubelet(spec.podName(), "partial\n", phase("Running"));

    JobResult result = resultOf(kube.executor(build).start(spec, kube.sink()));

    assertThat(result.failure()).isEqualTo("Error: time limit (400 ms) exceeded");
    assertThat(result.log()).isEqualTo("partial\n");
    assertThat(kube.pods().withName(spec.podName()).get()).isNull();
  }

  @Test
  void cancelDeletesThePod() throws Exception {
    String build = "01build0000000000000000005";
    JobSpec spec = job(build, "stopme", j -> {});
    kube.kubelet(spec.podName(), "", phase("Running"));
    JobHandle handle = kube.executor(build).start(spec, kube.sink());
    until(
        () -> kube.progress.stream().anyMatch(l -> l.endsWith("phase Running")),
        Duration.ofSeconds(10));

    handle.cancel();

    assertThat(resultOf(handle).succeeded()).isFalse();
    until(() -> kube.pods().withName(spec.podName()).get() == null, Duration.ofSeconds(5));
  }
}
