package dev.kubeherd.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kubeherd.core.metrics.MetricsEndpoint;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.kube.store.SecretBuildFeed;
import dev.kubeherd.kube.store.SecretBuildStore;
import dev.kubeherd.kube.store.SecretProjectStore;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import dev.kubeherd.testsupport.kube.PodOutcome;
import dev.kubeherd.testsupport.kube.PodSimulator;
import dev.kubeherd.testsupport.metrics.PrometheusText;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controller's metrics, scraped over HTTP while real builds go through it. */
@EnableMockKube
class ControllerMetricsMockKubeTest {
  static KubernetesClient client;
  static KubernetesMockServer server;
  static final String NS = "metrics";
  static final String PROJECT = ProjectIds.fromName("acme/metered");

  @TempDir Path dir;

  @Test
  void queueDepthRunningBuildsByPhaseAndDispatchLatencyAreScraped() throws Exception {
    new SecretProjectStore(client, NS)
        .create(new Project(PROJECT, "acme/metered", NS, Map.of("repository", "x")));
    SecretBuildStore builds = new SecretBuildStore(client, NS, Clock.systemUTC());
    CountDownLatch release = new CountDownLatch(1);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (PodSimulator sim = new PodSimulator(client, server, NS, dir);
        ControllerApp app = app(builds, new ControllerMetrics(registry));
        MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0, registry::scrape)) {
      sim.onWorkerPod(
              pod -> {
                release.await();
                return PodOutcome.succeeded("ran\n");
              })
          .start();
      for (int i = 0; i < 3; i++) {
        builds.create(BuildRequest.of(PROJECT, "exec", "brigade-cli"));
      }
      String url = "http://127.0.0.1:" + endpoint.port() + "/metrics";
      app.start();

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                PrometheusText t = PrometheusText.scrape(url);
                assertThat(t.value("kubeherd_controller_running", Map.of())).contains(1.0);
                assertThat(t.value("kubeherd_controller_queue_depth", Map.of())).contains(2.0);
                assertThat(t.value("kubeherd_controller_builds", Map.of("phase", "pending")))
                    .contains(2.0);
                assertThat(t.value("kubeherd_controller_builds", Map.of("phase", "running")))
                    .contains(1.0);
              });
      release.countDown();

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                PrometheusText t = PrometheusText.scrape(url);
                assertThat(t.value("kubeherd_controller_builds", Map.of("phase", "succeeded")))
                    .contains(3.0);
                assertThat(t.value("kubeherd_controller_builds", Map.of("phase", "pending")))
                    .contains(0.0);
                assertThat(t.value("kubeherd_controller_queue_depth", Map.of())).contains(0.0);
                assertThat(t.value("kubeherd_controller_running", Map.of())).contains(0.0);
                assertThat(t.type("kubeherd_controller_dispatch_seconds")).contains("summary");
                assertThat(t.value("kubeherd_controller_dispatch_seconds_count", Map.of()))
                    .contains(3.0);
              });
    }
  }

  private ControllerApp app(SecretBuildStore builds, ControllerMetrics metrics) {
    ControllerConfig config =
        ControllerConfig.fromEnv(
            Map.of(
                "BRIGADE_NAMESPACE", NS,
                "KUBEHERD_LEASE_IDENTITY", "metered",
                "KUBEHERD_LEASE_RETRY_PERIOD", "100ms",
                "KUBEHERD_VACUUM_INTERVAL", "0",
                "KUBEHERD_MAX_RUNNING_BUILDS", "1"));
    return new ControllerApp(
        config,
        client,
        builds,
        new SecretProjectStore(client, NS),
        new SecretBuildFeed(client, NS),
        Clock.systemUTC(),
        metrics);
  }
}
