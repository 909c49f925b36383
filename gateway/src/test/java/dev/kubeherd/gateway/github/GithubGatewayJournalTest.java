package dev.kubeherd.gateway.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.DirectoryDeliveries;
import dev.kubeherd.core.local.DirectoryProjectStore;
import dev.kubeherd.core.local.JournaledIntake;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.gateway.GatewayMetrics;
import dev.kubeherd.gateway.GatewayServer;
import dev.kubeherd.gateway.ReadinessCheck;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The GitHub gateway over loopback HTTP on the local store's journal, where the answer is completed
 * by the journal's writer thread after the sync and written back on the event loop.
 */
class GithubGatewayJournalTest {
  private static final String SECRET = "s3cret";
  private static final String PUSH =
      "{\"ref\":\"refs/heads/main\",\"deleted\":false,\"head_commit\":{\"id\":\"c0ffee\"},"
          + "\"repository\":{\"full_name\":\"Acme/Rocket\"}}";

  @TempDir Path tmp;

  private Vertx vertx;
  private JournaledIntake intake;
  private DirectoryBuildStore builds;
  private DirectoryDeliveries deliveries;
  private URI url;
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
    builds = new DirectoryBuildStore(home, Clock.systemUTC());
    deliveries = new DirectoryDeliveries(home);
    intake = JournaledIntake.open(home, builds, deliveries).orElseThrow();
    GithubReceiver receiver =
        new GithubReceiver(projects, intake, GithubSettings.defaults(""), Optional.empty());
    vertx = Vertx.vertx();
    GatewayMetrics metrics = new GatewayMetrics();
    GatewayServer gateway =
        new GatewayServer(
            vertx,
            metrics,
            ReadinessCheck.always(),
            List.of(new GithubGateway(vertx, receiver, metrics)));
    HttpServer server =
        gateway
            .listen("127.0.0.1", 0)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    url = URI.create("http://127.0.0.1:" + server.actualPort() + GithubGateway.PATH);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    intake.close();
  }

  @Test
  void concurrentDeliveriesAreEachAnsweredOnceStoredAndRepeatedKeysStoreOnce() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      answers.add(postAsync("d-" + (i % 16)));
    }

    Map<String, List<String>> buildsByKey = new HashMap<>();
    for (int i = 0; i < answers.size(); i++) {
      HttpResponse<String> answer = answers.get(i).get(20, TimeUnit.SECONDS);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      List<String> ids = buildIds(answer);
      assertThat(ids).hasSize(1);
      assertThat(builds.find(ids.getFirst())).as("stored before the answer").isPresent();
      List<String> first = buildsByKey.putIfAbsent("d-" + (i % 16), ids);
      if (first != null) {
        assertThat(ids).isEqualTo(first);
      }
    }
    assertThat(builds.list(Optional.empty())).hasSize(16);
    assertThat(deliveries.find("d-3")).contains(buildsByKey.get("d-3"));
  }

  @Test
  void filesThatCannotBeWrittenAfterTheSyncAre503AndTheRedeliveryLaterStoresIt() throws Exception {
    Files.deleteIfExists(tmp.resolve("builds")); // made empty when the stores opened
    Files.writeString(tmp.resolve("builds"), "not a directory");

    HttpResponse<String> refused = postAsync("d-1").get(20, TimeUnit.SECONDS);

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.body()).contains("redeliver");
    assertThat(deliveries.find("d-1")).isEmpty();

    Files.delete(tmp.resolve("builds"));
    HttpResponse<String> redelivered = postAsync("d-1").get(20, TimeUnit.SECONDS);

    assertThat(redelivered.statusCode()).isEqualTo(200);
    assertThat(builds.find(buildIds(redelivered).getFirst())).isPresent();
  }

  private CompletableFuture<HttpResponse<String>> postAsync(String delivery) {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .header("Content-Type", "application/json")
            .header("X-GitHub-Event", "push")
            .header("X-GitHub-Delivery", delivery)
            .header(
                "X-Hub-Signature-256",
                GithubSignature.sign256(PUSH.getBytes(StandardCharsets.UTF_8), SECRET))
            .POST(HttpRequest.BodyPublishers.ofString(PUSH))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> buildIds(HttpResponse<String> response) {
    JsonNode ids = Json.MAPPER.readTree(response.body()).path("builds");
    return ids.valueStream().map(JsonNode::asString).toList();
  }
}
