package dev.kubeherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.JobRecord;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.port.LogSink;
import dev.kubeherd.gateway.admin.AdminToken;
import dev.kubeherd.kube.store.ConfigMapLogStore;
import dev.kubeherd.kube.store.SecretBuildStore;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard's API in Kubernetes mode, wired as {@code kubeherd gateway} wires it, on the mock
 * API server: projects from Secrets without secret values, builds from build Secrets, logs from
 * ConfigMaps written by another store instance (as a worker pod would), a live log followed to the
 * build's end, and cancel with the token.
 */
@EnableMockKube
class DashboardMockKubeTest {
  static KubernetesClient client;
  static KubernetesMockServer server;
  static final AtomicInteger NAMESPACES = new AtomicInteger();
  static final String TOKEN = "kube-token";

  final Clock clock = Clock.systemUTC();
  final HttpClient http = HttpClient.newHttpClient();
  Vertx vertx;
  URI base;
  String ns;
  Project project;
  SecretBuildStore workerBuilds;
  ConfigMapLogStore workerLogs;

  @BeforeEach
  void start() throws Exception {
    ns = "dash-" + NAMESPACES.incrementAndGet();
    BrigApp app =
        new BrigApp(KubeTestBackend.on(client, ns, clock), clock, Map.of(AdminToken.ENV, TOKEN));
    project =
        new Project(
            ProjectIds.fromName("acme/kube"),
            "acme/kube",
            ns,
            Map.of("sharedSecret", "kube-hook-secret", "secrets", "{\"PASSWORD\":\"hunter2\"}"));
    app.projects().create(project);
    vertx = Vertx.vertx();
    int port =
        GatewayWiring.server(vertx, app, app.openDeliveryIntake(), null)
            .listen("127.0.0.1", 0)
            .await(10, TimeUnit.SECONDS)
            .actualPort();
    base = URI.create("http://127.0.0.1:" + port);
    KubernetesClient workerClient = server.createClient();
    workerBuilds = new SecretBuildStore(workerClient, ns, clock);
    workerLogs = new ConfigMapLogStore(workerClient, ns, clock);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void projectsBuildsJobsAndLogsComeFromTheClusterWithoutSecretValues() throws Exception {
    Build push = workerBuilds.create(BuildRequest.of(project.id(), "push", "github"));
    Build exec = workerBuilds.create(BuildRequest.of(project.id(), "exec", "brigade-cli"));
    workerBuilds.claim(push.id(), "worker-pod");
    Instant t0 = Instant.parse("2026-03-01T12:00:00Z");
    workerBuilds.saveJob(
        new JobRecord(
            push.id(),
            "test",
            "test-" + push.id(),
            "alpine",
            BuildPhase.SUCCEEDED,
            Optional.of(t0),
            Optional.of(t0.plusSeconds(3)),
            Optional.of(0)));
    try (LogSink worker = workerLogs.open(push.id(), "worker");
        LogSink job = workerLogs.open(push.id(), "test-" + push.id())) {
      worker.write("worker says hi\n");
      job.write("job says hi\n");
    }

    String projects = get("/api/v1/projects").body();
    JsonNode running = json("/api/v1/builds?project=acme/kube&phase=running");
    JsonNode build = json("/api/v1/builds/" + push.id());

    assertThat(projects)
        .contains("acme/kube", "PASSWORD", "sharedSecret")
        .doesNotContain("hunter2", "kube-hook-secret");
    assertThat(running.get("builds").valueStream().map(b -> b.get("id").asString()))
        .containsExactly(push.id());
    assertThat(json("/api/v1/builds?event=exec").get("builds").get(0).get("id").asString())
        .isEqualTo(exec.id());
    assertThat(build.get("jobs").get(0).get("durationMs").asLong()).isEqualTo(3000);
    assertThat(build.get("jobs").get(0).get("exitCode").asInt()).isZero();
    assertThat(get("/api/v1/builds/" + push.id() + "/logs").body()).isEqualTo("worker says hi\n");
    assertThat(get("/api/v1/builds/" + push.id() + "/jobs/test/logs").body())
        .isEqualTo("job says hi\n");
    assertThat(get("/api/v1/builds/brigade-worker-nope/logs").statusCode()).isEqualTo(404);
  }

  @Test
  void aLiveLogWrittenElsewhereIsStreamedUntilTheBuildEnds() throws Exception {
    Build b = workerBuilds.create(BuildRequest.of(project.id(), "push", "github"));
    workerBuilds.claim(b.id(), "worker-pod");
    HttpResponse<Stream<String>> stream =
        http.sendAsync(
                HttpRequest.newBuilder(base.resolve("/api/v1/builds/" + b.id() + "/logs/stream"))
                    .build(),
                HttpResponse.BodyHandlers.ofLines())
            .get(10, TimeUnit.SECONDS);
    Iterator<String> lines = stream.body().iterator();

    try (LogSink worker = workerLogs.open(b.id(), "worker")) {
      worker.write("step 1\n");
      assertThat(nextData(lines)).isEqualTo("step 1");
      worker.write("step 2\n");
    }
    workerBuilds.updateStatus(
        b.id(),
        workerBuilds.find(b.id()).orElseThrow().status().finished(true, 0, Instant.now(), ""));

    List<String> rest = rest(lines);
    assertThat(rest)
        .containsSubsequence("data: step 2", "event: end", "data: {\"phase\":\"Succeeded\"}");
  }

  @Test
  void cancelWithTheTokenFailsTheBuildSecret() throws Exception {
    Build b = workerBuilds.create(BuildRequest.of(project.id(), "push", "github"));
    workerBuilds.claim(b.id(), "worker-pod");

    HttpResponse<String> refused = post("/api/v1/builds/" + b.id() + "/cancel", "wrong");
    HttpResponse<String> cancelled = post("/api/v1/builds/" + b.id() + "/cancel", TOKEN);

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
    assertThat(workerBuilds.find(b.id()).orElseThrow().status().phase())
        .isEqualTo(BuildPhase.FAILED);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode json(String path) throws Exception {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.MAPPER.readTree(response.body());
  }

  private HttpResponse<String> post(String path, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String nextData(Iterator<String> lines) throws Exception {
    return CompletableFuture.supplyAsync(
            () -> {
              while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("data: ")) {
                  return line.substring(6);
                }
              }
              throw new AssertionError("the stream ended");
            })
        .get(20, TimeUnit.SECONDS);
  }

  private static List<String> rest(Iterator<String> lines) throws Exception {
    return CompletableFuture.supplyAsync(
            () -> {
              List<String> all = new ArrayList<>();
              lines.forEachRemaining(all::add);
              return all;
            })
        .get(20, TimeUnit.SECONDS);
  }
}
