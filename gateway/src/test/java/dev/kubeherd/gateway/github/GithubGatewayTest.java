package dev.kubeherd.gateway.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.DirectoryDeliveries;
import dev.kubeherd.core.local.DirectoryProjectStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.core.model.Revision;
import dev.kubeherd.gateway.GatewayMetrics;
import dev.kubeherd.gateway.GatewayServer;
import dev.kubeherd.gateway.ReadinessCheck;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** End to end over loopback HTTP: a Vert.x server on port 0, real directory stores. */
class GithubGatewayTest {
  private static final String SECRET = "s3cret";
  private static final String PUSH =
      "{\"ref\":\"refs/heads/main\",\"deleted\":false,\"head_commit\":{\"id\":\"c0ffee\"},"
          + "\"repository\":{\"full_name\":\"Acme/Rocket\"}}";

  @TempDir Path tmp;

  private Vertx vertx;
  private DirectoryBuildStore builds;
  private URI url;
  private GatewayMetrics metrics;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    LocalHome home = new LocalHome(tmp);
    DirectoryProjectStore projects = new DirectoryProjectStore(home);
    projects.create(
        new Project(
            ProjectIds.fromName("Acme/Rocket"),
            "Acme/Rocket",
            "default",
            Map.of(ProjectKeys.SHARED_SECRET, SECRET)));
    projects.create(
        new Project(ProjectIds.fromName("Acme/Open"), "Acme/Open", "default", Map.of()));
    builds = new DirectoryBuildStore(home, Clock.systemUTC());
    GithubReceiver receiver =
        new GithubReceiver(
            projects, builds, new DirectoryDeliveries(home), GithubSettings.defaults(""));
    vertx = Vertx.vertx();
    metrics = new GatewayMetrics();
    GatewayServer gateway =
        new GatewayServer(
            vertx,
            metrics,
            ReadinessCheck.always(),
            List.of(new GithubGateway(vertx, receiver, metrics)));
    HttpServer server = await(gateway.listen("127.0.0.1", 0));
    url = URI.create("http://127.0.0.1:" + server.actualPort() + GithubGateway.PATH);
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  @Test
  void aLargeFormEncodedDeliveryIsToldToUseJsonNotAnsweredWithAnEmpty400() throws Exception {
    // GitHub's default webhook content type; its payload= body is not the JSON the gateway reads
    String form =
        "payload="
            + URLEncoder.encode(
                PUSH.replace("}", ",\"pad\":\"" + "x".repeat(20_000) + "\"}"),
                StandardCharsets.UTF_8);
    HttpRequest.Builder request =
        signedRequest(url, "push", "d-form", form)
            .setHeader("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Hub-Signature-256", GithubSignature.sign256(bytes(form), SECRET));

    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Json.MAPPER.readTree(response.body()).path("status").asString())
        .isEqualTo(
            "Malformed body: the webhook sends application/x-www-form-urlencoded; set its Content"
                + " type to application/json in the webhook's settings");
    assertThat(builds.list(Optional.empty())).isEmpty();
  }

  @Test
  void signedPushIsStoredAsABuildBeforeTheAnswer() throws Exception {
    HttpResponse<String> response =
        post("push", "d-1", PUSH, GithubSignature.sign256(bytes(PUSH), SECRET));

    assertThat(response.statusCode()).isEqualTo(200);
    List<String> ids = buildIds(response);
    assertThat(ids).hasSize(1);
    Build build = builds.find(ids.get(0)).orElseThrow();
    assertThat(build.request().projectId()).isEqualTo(ProjectIds.fromName("Acme/Rocket"));
    assertThat(build.request().type()).isEqualTo("push");
    assertThat(build.request().provider()).isEqualTo("github");
    assertThat(build.request().revision()).isEqualTo(new Revision("c0ffee", "refs/heads/main"));
    assertThat(build.request().shortTitle()).isEqualTo("branch: main");
    assertThat(build.request().payload()).isEqualTo(PUSH);
  }

  @Test
  void legacySha1SignatureIsAcceptedOnTheAppPath() throws Exception {
    HttpRequest request =
        signedRequest(url.resolve(GithubGateway.PATH + "/123/456"), "push", "d-2", PUSH)
            .header("X-Hub-Signature", GithubSignature.sign1(bytes(PUSH), SECRET))
            .build();

    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(builds.list(Optional.empty())).hasSize(1);
  }

  @Test
  void badSignatureIsRefusedWith401AndStoresNothing() throws Exception {
    HttpResponse<String> response =
        post("push", "d-3", PUSH, GithubSignature.sign256(bytes(PUSH), "wrong"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("malformed signature").doesNotContain(SECRET);
    assertThat(builds.list(Optional.empty())).isEmpty();
  }

  @Test
  void missingSignatureIsRefusedWith401() throws Exception {
    HttpResponse<String> response = post("push", "d-4", PUSH, null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("missing signature");
    assertThat(builds.list(Optional.empty())).isEmpty();
  }

  @Test
  void sameDeliveryTwiceCreatesOneBuildAndReturnsTheSameIds() throws Exception {
    String pr =
        "{\"action\":\"opened\",\"pull_request\":{\"number\":5,\"title\":\"t\","
            + "\"head\":{\"sha\":\"abc\"}},\"repository\":{\"full_name\":\"Acme/Rocket\"}}";
    String signature = GithubSignature.sign256(bytes(pr), SECRET);

    HttpResponse<String> first = post("pull_request", "d-5", pr, signature);
    HttpResponse<String> second = post("pull_request", "d-5", pr, signature);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(buildIds(first)).hasSize(2).isEqualTo(buildIds(second));
    assertThat(Json.MAPPER.readTree(second.body()).path("duplicate").asBoolean()).isTrue();
    assertThat(builds.list(Optional.empty())).hasSize(2);
  }

  @Test
  void pingIsAnsweredOkWithoutABuild() throws Exception {
    String ping = "{\"zen\":\"Design for failure.\",\"hook_id\":1}";

    HttpResponse<String> response = post("ping", "d-6", ping, null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"message\":\"OK\"}");
    assertThat(builds.list(Optional.empty())).isEmpty();
  }

  @Test
  void unknownRepositoryIs404NamingTheProject() throws Exception {
    String push = PUSH.replace("Acme/Rocket", "Acme/Unknown");

    HttpResponse<String> response =
        post("push", "d-7", push, GithubSignature.sign256(bytes(push), SECRET));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body())
        .startsWith("{\"status\":\"project not found: no project named Acme/Unknown");
  }

  @Test
  void projectWithoutAnySecretIsNeverRunUnsigned() throws Exception {
    String push = PUSH.replace("Acme/Rocket", "Acme/Open");

    HttpResponse<String> response =
        post("push", "d-10", push, GithubSignature.sign256(bytes(push), SECRET));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).contains("No secret is configured for this repo.");
    assertThat(builds.list(Optional.empty())).isEmpty();
  }

  @Test
  void branchDeletionIsAnsweredWithoutABuild() throws Exception {
    String deleted = PUSH.replace("\"deleted\":false", "\"deleted\":true");

    HttpResponse<String> response =
        post("push", "d-8", deleted, GithubSignature.sign256(bytes(deleted), SECRET));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("build skipped on branch deletion");
    assertThat(builds.list(Optional.empty())).isEmpty();
  }

  @Test
  void malformedBodyIs400() throws Exception {
    HttpResponse<String> response = post("push", "d-9", "{oops", null);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("{\"status\":\"Malformed body\"}");
  }

  @Test
  void storeThatCannotWriteIsA503SoGithubShowsTheDeliveryFailed() throws Exception {
    deleteRecursively(tmp.resolve("builds"));
    Files.writeString(tmp.resolve("builds"), "not a directory");

    HttpResponse<String> response =
        post("push", "d-11", PUSH, GithubSignature.sign256(bytes(PUSH), SECRET));

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("redeliver");
  }

  @Test
  void requestWithoutAnEventHeaderIs400() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString(PUSH)).build();

    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("X-GitHub-Event");
  }

  @Test
  void healthzAnswersOk() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(url.resolve("/healthz")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("OK");
  }

  @Test
  void slowClientsDoNotHoldUpOtherDeliveries() throws Exception {
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        Socket socket = new Socket("127.0.0.1", url.getPort());
        socket
            .getOutputStream()
            .write(
                ("POST "
                        + GithubGateway.PATH
                        + " HTTP/1.1\r\nHost: x\r\n"
                        + "X-GitHub-Event: push\r\nContent-Length: 100000\r\n\r\n{\"ref\":")
                    .getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        stalled.add(socket); // sends the rest never
      }
      long start = System.nanoTime();

      HttpResponse<String> response =
          post("push", "d-fast", PUSH, GithubSignature.sign256(bytes(PUSH), SECRET));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    } finally {
      for (Socket s : stalled) {
        s.close();
      }
    }
  }

  @Test
  void aBodyOverGithubsLimitIsRefusedWith413AndStoresNothing() throws Exception {
    String huge = "{\"pad\":\"" + "x".repeat((int) GithubGateway.BODY_LIMIT) + "\"}";

    HttpResponse<String> response = post("push", "d-huge", huge, "sha256=00");

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(builds.list(Optional.empty())).isEmpty();
  }

  @Test
  void deliveriesRefusedBeforeTheirHandlerAreCountedToo() throws Exception {
    HttpRequest noEvent =
        HttpRequest.newBuilder(url)
            .header("Content-Type", "application/json")
            .header("X-GitHub-Delivery", "d-9")
            .header("X-Hub-Signature-256", GithubSignature.sign256(bytes(PUSH), SECRET))
            .POST(HttpRequest.BodyPublishers.ofString(PUSH))
            .build();
    assertThat(http.send(noEvent, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isBetween(400, 499);
    String huge = "{\"pad\":\"" + "x".repeat((int) GithubGateway.BODY_LIMIT) + "\"}";
    assertThat(post("push", "d-10", huge, null).statusCode()).isEqualTo(413);

    assertThat(metrics.scrape())
        .contains("kubeherd_gateway_deliveries_total{event=\"unknown\",gateway=\"github\"")
        .contains(
            "kubeherd_gateway_deliveries_total{event=\"push\",gateway=\"github\",result=\"413\"}"
                + " 1.0");
  }

  private HttpResponse<String> post(String event, String delivery, String body, String sha256)
      throws Exception {
    HttpRequest.Builder request = signedRequest(url, event, delivery, body);
    if (sha256 != null) {
      request.header("X-Hub-Signature-256", sha256);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder signedRequest(
      URI target, String event, String delivery, String body) {
    return HttpRequest.newBuilder(target)
        .header("Content-Type", "application/json")
        .header("X-GitHub-Event", event)
        .header("X-GitHub-Delivery", delivery)
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static List<String> buildIds(HttpResponse<String> response) {
    JsonNode builds = Json.MAPPER.readTree(response.body()).path("builds");
    return builds.valueStream().map(JsonNode::asString).toList();
  }

  private static void deleteRecursively(Path dir) throws Exception {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
