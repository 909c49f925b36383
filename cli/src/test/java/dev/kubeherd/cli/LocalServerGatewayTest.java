package dev.kubeherd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.testsupport.metrics.PrometheusText;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubeherd server --local --port 0}: one process receives a signed GitHub push, stores the
 * build and runs it to the end with the project's script; its {@code /metrics} shows the gateway's
 * and the worker's metrics together.
 */
class LocalServerGatewayTest {
  static final String SECRET = "hook-secret";
  static final String PUSH =
      """
      {"ref":"refs/heads/main","after":"0123456789abcdef0123456789abcdef01234567",
       "head_commit":{"id":"0123456789abcdef0123456789abcdef01234567"},
       "repository":{"full_name":"acme/rocket","clone_url":"https://example.invalid/acme/rocket.git"},
       "sender":{"login":"someone"}}
      """;

  @TempDir Path dir;

  @Test
  void aSignedPushBecomesABuildThatTheSameProcessRuns() throws Exception {
    CliHarness cli = new CliHarness(dir.resolve("home")).useLocalApp();
    cli.projects.create(
        new Project(
            ProjectIds.fromName("acme/rocket"),
            "acme/rocket",
            "default",
            Map.of(
                "sharedSecret",
                SECRET,
                "defaultScript",
                "const { events, Job } = require('brigadier');\n"
                    + "events.on('push', () => new Job('hello', '', ['echo pushed']).run());\n")));
    StringWriter out = new StringWriter();
    LocalServerE2e.serve(
        cli,
        out,
        port -> {
          HttpResponse<String> response = LocalServerE2e.deliver(port, "push", PUSH, SECRET);

          assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
          await()
              .atMost(Duration.ofSeconds(60))
              .until(
                  () ->
                      cli.builds.list(Optional.empty()).stream()
                          .anyMatch(b -> b.status().phase().isTerminal()));
          List<Build> builds = cli.builds.list(Optional.empty());
          assertThat(builds).extracting(b -> b.request().type()).containsExactlyInAnyOrder("push");
          Build push = builds.getFirst();
          assertThat(push.status().phase()).isEqualTo(BuildPhase.SUCCEEDED);
          assertThat(push.request().revision().ref()).isEqualTo("refs/heads/main");
          assertThat(cli.logs.read(push.id(), "hello-" + push.id())).isEqualTo("pushed\n");
          assertThat(out.toString()).contains("build finished: Succeeded");
          PrometheusText metrics = PrometheusText.scrape("http://127.0.0.1:" + port + "/metrics");
          assertThat(
                  metrics.value(
                      "kubeherd_gateway_deliveries_total",
                      Map.of("gateway", "github", "event", "push", "result", "200")))
              .contains(1.0);
          assertThat(
                  metrics.value(
                      "kubeherd_worker_jobs_seconds_count", Map.of("result", "succeeded")))
              .contains(1.0);
          assertThat(metrics.value("kubeherd_worker_start_seconds_count", Map.of())).contains(1.0);
        });
  }

  @Test
  void aSecretRotatedWhileTheServerRunsIsTheOneItChecksFromThenOn() throws Exception {
    CliHarness cli = new CliHarness(dir.resolve("home")).useLocalApp();
    cli.projects.create(rocket(SECRET));
    LocalServerE2e.serve(
        cli,
        port -> {
          assertThat(LocalServerE2e.deliver(port, "push", PUSH, SECRET).statusCode())
              .isEqualTo(200); // the gateway now holds the project in memory

          cli.projects.replace(rocket("rotated-secret"));

          String second = PUSH.replace("someone", "someone-else");
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () -> LocalServerE2e.deliver(port, "push", second, "rotated-secret").statusCode(),
                  status -> status == 200);
          String third = PUSH.replace("someone", "a-third-one");
          assertThat(LocalServerE2e.deliver(port, "push", third, SECRET).statusCode())
              .isEqualTo(401);
        });
  }

  private static Project rocket(String secret) {
    return new Project(
        ProjectIds.fromName("acme/rocket"),
        "acme/rocket",
        "default",
        Map.of(
            "sharedSecret",
            secret,
            "defaultScript",
            "const { events } = require('brigadier');\nevents.on('push', () => {});\n"));
  }
}
