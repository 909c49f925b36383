package dev.kubeherd.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.metrics.MetricsEndpoint;
import dev.kubeherd.testsupport.metrics.PrometheusText;
import dev.kubeherd.worker.metrics.WorkerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A real build's jobs and start, scraped from a metrics endpoint and parsed. */
class WorkerMetricsTest extends WorkerTest {

  @Test
  void jobDurationsByResultAndTheWorkerStartAreScrapedAfterABuild() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    harness.metered(new WorkerMetrics(registry));
    var run =
        harness.run(
            """
            const { events, Job } = require("brigadier");
            events.on("exec", async () => {
              await new Job("one", "", ["sleep 0.2"]).run();
              await new Job("two", "", ["true"]).run();
              await new Job("bad", "", ["exit 4"]).run().catch(e => console.log("failed as expected"));
            });
            """);
    assertThat(run.log()).contains("failed as expected");

    PrometheusText text;
    try (MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0, registry::scrape)) {
      text = PrometheusText.scrape("http://127.0.0.1:" + endpoint.port() + "/metrics");
    }

    assertThat(text.type("kubeherd_worker_jobs_seconds")).contains("summary");
    assertThat(text.value("kubeherd_worker_jobs_seconds_count", Map.of("result", "succeeded")))
        .contains(2.0);
    assertThat(text.value("kubeherd_worker_jobs_seconds_count", Map.of("result", "failed")))
        .contains(1.0);
    assertThat(text.value("kubeherd_worker_jobs_seconds_sum", Map.of("result", "succeeded")))
        .hasValueSatisfying(s -> assertThat(s).isGreaterThanOrEqualTo(0.2));
    assertThat(text.value("kubeherd_worker_start_seconds_count", Map.of())).contains(1.0);
    assertThat(text.value("kubeherd_worker_start_seconds_sum", Map.of()))
        .hasValueSatisfying(s -> assertThat(s).isGreaterThanOrEqualTo(0.0).isLessThan(60.0));
  }
}
