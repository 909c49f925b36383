package dev.kubeherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.gateway.github.GithubSignature;
import dev.kubeherd.testsupport.metrics.PrometheusText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

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
    CommandLine server = cli.app().kubeherd();
    server.setOut(new PrintWriter(out, true));
    server.setErr(new PrintWriter(new StringWriter(), true));
    Thread serving =
        Thread.ofPlatform()
            .start(() -> server.execute("server", "--local", "--port", "0", "--poll", "PT0.1S"));
    try {
      int port = awaitPort(out);

      HttpResponse<String> response = post(port, "push", "delivery-1", PUSH);

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      await(
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
      assertThat(metrics.value("kubeherd_worker_jobs_seconds_count", Map.of("result", "succeeded")))
          .contains(1.0);
      assertThat(metrics.value("kubeherd_worker_start_seconds_count", Map.of())).contains(1.0);
    } finally {
      serving.interrupt();
      serving.join(20_000);
    }
  }

  private static int awaitPort(StringWriter out) throws InterruptedException {
    Pattern listening = Pattern.compile("Gateway listening on [^:]+:(\\d+)");
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      Matcher m = listening.matcher(out.toString());
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the server did not start its gateway: " + out);
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("condition not met within 60 s");
      }
      Thread.sleep(50);
    }
  }

  private static HttpResponse<String> post(int port, String event, String delivery, String body)
      throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events/github"))
            .header("X-GitHub-Event", event)
            .header("X-GitHub-Delivery", delivery)
            .header(GithubSignature.SHA256_HEADER, GithubSignature.sign256(bytes, SECRET))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build();
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }
}
