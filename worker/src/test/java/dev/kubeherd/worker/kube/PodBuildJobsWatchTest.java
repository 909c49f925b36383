package dev.kubeherd.worker.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.port.LogSink;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import dev.kubeherd.worker.run.BuildJobs;
import dev.kubeherd.worker.run.WorkerLog;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The job pod watch of a worker pod, which runs one build, covers that build's job pods only. */
@EnableMockKube
class PodBuildJobsWatchTest {
  static KubernetesClient client;
  static KubernetesMockServer server;
  private static final String NS = "default";
  private static final JobPodDefaults DEFAULTS = new JobPodDefaults(NS, "", "", "");
  private static final Project PROJECT =
      new Project(
          "brigade-p", "acme/rocket", NS, Map.of("cloneURL", "https://github.com/acme/rocket.git"));

  @Test
  void aWorkerPodsJobsWatchOnlyItsBuildsPods() throws Exception {
    Build build = build("01build0000000000000000041");
    drainRequests();
    try (PodBuildJobs jobs =
            PodBuildJobs.forBuild(client, DEFAULTS, Clock.systemUTC(), build.id());
        BuildJobs.Session session = jobs.open(build, PROJECT, log())) {
      session.executor().start(job(build.id()), log().sink());

      assertThat(awaitPodSelectors())
          .isNotEmpty()
          .allSatisfy(s -> assertThat(s.split(",")).contains("build=" + build.id()));
    }
  }

  @Test
  void aWorkerPodsJobsRefuseAnotherBuild() {
    try (PodBuildJobs jobs =
        PodBuildJobs.forBuild(client, DEFAULTS, Clock.systemUTC(), "01build0000000000000000042")) {
      assertThatThrownBy(() -> jobs.open(build("01build0000000000000000043"), PROJECT, log()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("01build0000000000000000042")
          .hasMessageContaining("cannot run build 01build0000000000000000043");
    }
  }

  private static Build build(String id) {
    return new Build(
        id, BuildRequest.of(PROJECT.id(), "push", "github"), Instant.now(), BuildStatus.pending());
  }

  private static JobSpec job(String buildId) {
    return new JobSpec(
        buildId,
        PROJECT.id(),
        "test",
        "alpine:3",
        false,
        "",
        List.of("echo hi"),
        List.of(),
        Map.of(),
        "/src",
        Duration.ofMinutes(1),
        false,
        List.of());
  }

  private static WorkerLog log() {
    return new WorkerLog(
        new LogSink() {
          @Override
          public void write(String text) {}

          @Override
          public void close() {}
        },
        "log");
  }

  /**
   * The label selectors of the pod collection requests (lists and watches) made since the last
   * drain, once there is one (the job starts its pod, and with it the watch, on its own thread).
   */
  private static List<String> awaitPodSelectors() throws InterruptedException {
    List<String> selectors = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (selectors.isEmpty() && System.nanoTime() < deadline) {
      for (RecordedRequest r : drainRequests()) {
        selectors.addAll(podSelector(r.getPath()));
      }
    }
    return selectors;
  }

  private static List<String> podSelector(String path) {
    String collection = "/api/v1/namespaces/" + NS + "/pods?";
    if (!path.startsWith(collection)) {
      return List.of();
    }
    List<String> selectors = new ArrayList<>();
    for (String param : path.substring(collection.length()).split("&")) {
      if (param.startsWith("labelSelector=")) {
        selectors.add(
            URLDecoder.decode(param.substring("labelSelector=".length()), StandardCharsets.UTF_8));
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
}
