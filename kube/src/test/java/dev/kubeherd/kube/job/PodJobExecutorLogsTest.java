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
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PodJobExecutor} against the fabric8 mock API server (CRUD mode): a job pod's log — printed
 * line by line with {@code streamLogs}, streamed into the job log, stored once at the end.
 */
@EnableMockKube
class PodJobExecutorLogsTest {
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
  void streamLogsPrintsEachLineWhileThePodRuns() throws Exception {
    String build = "01build000000000000000000s";
    JobSpec spec = job(build, "chatty", j -> j.streamLogs = true);
    kube.followedLog(spec, "step one\nstep two\n");
    kube.kubelet(spec.podName(), "step one\nstep two\n", phase("Running"));

    JobHandle handle = kube.executor(build).start(spec, kube.sink());
    until(
        () ->
            kube.progress.contains("[brigade:k8s] " + NS + "/" + spec.podName() + " logs step two"),
        Duration.ofSeconds(10));
    kube.setStatus(spec.podName(), phase("Succeeded"));

    assertThat(resultOf(handle).succeeded()).isTrue();
    assertThat(kube.progress)
        .containsSubsequence(
            "[brigade:k8s] " + NS + "/" + spec.podName() + " phase Running",
            "[brigade:k8s] " + NS + "/" + spec.podName() + " logs step one",
            "[brigade:k8s] " + NS + "/" + spec.podName() + " logs step two");
  }

  @Test
  void theLogStreamsIntoTheJobLogWhileThePodRunsAndOutlivesItsDeletion() throws Exception {
    String build = "01build000000000000000000d";
    JobSpec spec = job(build, "doomed", j -> {});
    kube.followedLog(spec, "working\nstill working\n");
    kube.kubelet(spec.podName(), "", phase("Running"));

    JobHandle handle = kube.executor(build).start(spec, kube.sink());
    until(() -> kube.jobLog().equals("working\nstill working\n"), Duration.ofSeconds(10));
    kube.pods().withName(spec.podName()).delete();

    JobResult result = resultOf(handle);
    assertThat(result.succeeded()).isFalse();
    assertThat(result.failure()).contains("was deleted before it ran to completion");
    assertThat(kube.jobLog()).isEqualTo("working\nstill working\n");
    assertThat(kube.progress).noneMatch(line -> line.contains(" logs working"));
  }

  @Test
  void aStreamedLogIsStoredOnceWithWhatTheStreamMissedAddedAtTheEnd() throws Exception {
    String build = "01build000000000000000000e";
    JobSpec spec = job(build, "whole", j -> {});
    kube.followedLog(spec, "one\ntwo\n");
    kube.kubelet(spec.podName(), "one\ntwo\nthree, no newline", phase("Running"));

    JobHandle handle = kube.executor(build).start(spec, kube.sink());
    until(() -> kube.jobLog().equals("one\ntwo\n"), Duration.ofSeconds(10));
    kube.setStatus(spec.podName(), phase("Succeeded"));

    assertThat(resultOf(handle).log()).isEqualTo("one\ntwo\nthree, no newline");
    assertThat(kube.jobLog()).isEqualTo("one\ntwo\nthree, no newline");
  }
}
