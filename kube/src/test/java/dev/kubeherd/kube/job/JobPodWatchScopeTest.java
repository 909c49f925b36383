package dev.kubeherd.kube.job;

import static dev.kubeherd.kube.job.MockKubeJobs.NS;
import static dev.kubeherd.kube.job.MockKubeJobs.job;
import static dev.kubeherd.kube.job.MockKubeJobs.phase;
import static dev.kubeherd.kube.job.MockKubeJobs.resultOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.JobResult;
import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the job pod watch asks the API server for: a process running one build lists and watches
 * that build's job pods, not every job pod of the namespace.
 */
@EnableMockKube
class JobPodWatchScopeTest {
  static KubernetesClient client;
  static KubernetesMockServer server;

  private MockKubeJobs kube;

  @BeforeEach
  void fixture() throws InterruptedException {
    kube = new MockKubeJobs(client, server);
    drainRequests();
  }

  @AfterEach
  void closeExecutors() {
    kube.close();
  }

  @Test
  void aBuildsExecutorWatchesOnlyThatBuildsJobPods() throws Exception {
    String build = "01build0000000000000000031";
    JobSpec spec = job(build, "ok", j -> {});
    kube.kubelet(spec.podName(), "hello\n", phase("Running"), phase("Succeeded"));

    JobResult result = resultOf(kube.executor(build).start(spec, kube.sink()));

    assertThat(result.succeeded()).as(result.toString()).isTrue();
    assertThat(podSelectors())
        .as("label selectors of the pod lists and watches")
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.split(",")).contains("component=job", "build=" + build));
  }

  @Test
  void aProcesssSharedWatchFollowsEveryJobPodOfTheNamespace() throws Exception {
    try (JobPodWatch watch = new JobPodWatch(client, NS)) {
      watch.follow("any-pod", NOBODY);

      assertThat(podSelectors())
          .isNotEmpty()
          .allSatisfy(s -> assertThat(s).isEqualTo("component=job"));
    }
  }

  /** The label selectors of the pod collection requests (lists and watches) seen since setUp. */
  private static List<String> podSelectors() throws InterruptedException {
    List<String> selectors = new ArrayList<>();
    String collection = "/api/v1/namespaces/" + NS + "/pods?";
    for (RecordedRequest r : drainRequests()) {
      String path = r.getPath();
      if (path.startsWith(collection) && path.contains("labelSelector=")) {
        String query = path.substring(collection.length());
        for (String param : query.split("&")) {
          if (param.startsWith("labelSelector=")) {
            selectors.add(
                URLDecoder.decode(
                    param.substring("labelSelector=".length()), StandardCharsets.UTF_8));
          }
        }
      }
    }
    return selectors;
  }

  private static List<RecordedRequest> drainRequests() throws InterruptedException {
    List<RecordedRequest> taken = new ArrayList<>();
    for (RecordedRequest r = server.takeRequest(200, TimeUnit.MILLISECONDS);
        r != null;
        r = server.takeRequest(200, TimeUnit.MILLISECONDS)) {
      taken.add(r);
    }
    return taken;
  }

  private static final JobPodWatch.Listener NOBODY =
      new JobPodWatch.Listener() {
        @Override
        public void changed(io.fabric8.kubernetes.api.model.Pod pod) {}

        @Override
        public void deleted() {}
      };
}
