package dev.kubeherd.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every kubeherd process with a Prometheus endpoint (gateway, controller, worker pool) declares its
 * port and carries the {@code prometheus.io/*} scrape annotations, unless its port or the
 * annotations are switched off.
 */
class MetricsScrapeChartTest {
  private static final String CONTROLLER = "ci-kubeherd-controller";
  private static final String GATEWAY = "ci-kubeherd-gateway";
  private static final String POOL = "ci-kubeherd-worker-pool";

  private static Map<String, String> annotations(Rendered r, String name) {
    Map<String, String> a =
        r.named(Deployment.class, name).getSpec().getTemplate().getMetadata().getAnnotations();
    return a == null ? Map.of() : a;
  }

  private static Container container(Rendered r, String name) {
    return Pods.container(r.named(Deployment.class, name));
  }

  private static void assertScraped(Rendered r, String name, int port) {
    assertThat(annotations(r, name))
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/port", String.valueOf(port))
        .containsEntry("prometheus.io/path", "/metrics");
  }

  @Test
  void controllerAndPoolDeclareTheirMetricsPortAndAreScrapedThere() {
    Rendered r = Charts.render(Charts.KUBEHERD).set("workerPool.enabled", "true").objects();

    for (String name : new String[] {CONTROLLER, POOL}) {
      Container c = container(r, name);
      assertThat(c.getPorts())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.getName()).isEqualTo("metrics");
                assertThat(p.getContainerPort()).isEqualTo(9090);
              });
      assertThat(Pods.resolvedEnv(c, "p")).containsEntry("KUBEHERD_METRICS_PORT", "9090");
      assertScraped(r, name, 9090);
    }
    assertScraped(r, GATEWAY, 7746);
  }

  @Test
  void portZeroMeansNoPortAndNoScrapeButOwnPodAnnotationsStay() {
    Rendered r =
        Charts.render(Charts.KUBEHERD)
            .set("controller.metricsPort", "0")
            .set("controller.podAnnotations.team", "platform")
            .objects();

    assertThat(container(r, CONTROLLER).getPorts()).isEmpty();
    assertThat(annotations(r, CONTROLLER))
        .containsEntry("team", "platform")
        .doesNotContainKeys("prometheus.io/scrape", "prometheus.io/port");
  }

  @Test
  void annotationsOffKeepsThePortsButScrapesNothing() {
    Rendered r =
        Charts.render(Charts.KUBEHERD)
            .set("metrics.annotations", "false")
            .set("workerPool.enabled", "true")
            .objects();

    for (String name : new String[] {CONTROLLER, GATEWAY, POOL}) {
      assertThat(annotations(r, name)).doesNotContainKey("prometheus.io/scrape");
      assertThat(container(r, name).getPorts())
          .extracting(ContainerPort::getContainerPort)
          .isNotEmpty();
    }
  }
}
