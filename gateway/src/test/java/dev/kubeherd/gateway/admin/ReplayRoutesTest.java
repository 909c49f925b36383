package dev.kubeherd.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.DirectoryDeliveries;
import dev.kubeherd.core.local.DirectoryProjectStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.core.service.DeliveryReplay;
import dev.kubeherd.gateway.GatewayMetrics;
import dev.kubeherd.gateway.GatewayServer;
import dev.kubeherd.gateway.ReadinessCheck;
import dev.kubeherd.gateway.github.GithubGateway;
import dev.kubeherd.gateway.github.GithubReceiver;
import dev.kubeherd.gateway.github.GithubSettings;
import dev.kubeherd.gateway.github.GithubSignature;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Replaying a stored GitHub delivery over loopback HTTP, with real directory stores. */
class ReplayRoutesTest {
  private static final String SECRET = "hook-secret";
  private static final String TOKEN = "operator-token";
  private static final String PUSH =
      "{\"ref\":\"refs/heads/main\",\"head_commit\":{\"id\":\"c0ffee\"},"
          + "\"repository\":{\"full_name\":\"Acme/Rocket\"}}";

  @TempDir Path tmp;

  private final HttpClient http = HttpClient.newHttpClient();
  private final Vertx vertx = Vertx.vertx();
  private DirectoryBuildStore builds;
  private DirectoryProjectStore projects;

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private URI start(String token) throws Exception {
    LocalHome home = new LocalHome(tmp);
    projects = new DirectoryProjectStore(home);
    projects.create(
        new Project(
            ProjectIds.fromName("Acme/Rocket"),
            "Acme/Rocket",
            "default",
            Map.of(ProjectKeys.SHARED_SECRET, SECRET)));
    builds = new DirectoryBuildStore(home, Clock.systemUTC());
    DirectoryDeliveries deliveries = new DirectoryDeliveries(home);
    GatewayMetrics metrics = new GatewayMetrics();
    GithubReceiver receiver =
        new GithubReceiver(projects, builds, deliveries, GithubSettings.defaults(""));
    GatewayServer server =
        new GatewayServer(
            vertx,
            metrics,
            ReadinessCheck.always(),
            List.of(
                new GithubGateway(vertx, receiver, metrics),
                new ReplayRoutes(
                    vertx,
                    new DeliveryReplay(deliveries, builds, projects),
                    AdminToken.of(token))));
    int port = server.listen("127.0.0.1", 0).await(10, TimeUnit.SECONDS).actualPort();
    return URI.create("http://127.0.0.1:" + port);
  }

  private HttpResponse<String> push(URI base, String delivery) throws Exception {
    byte[] body = PUSH.getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(GithubGateway.PATH))
            .header("X-GitHub-Event", "push")
            .header("X-GitHub-Delivery", delivery)
            .header(GithubSignature.SHA256_HEADER, GithubSignature.sign256(body, SECRET))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> replay(URI base, String delivery, Optional<String> bearer)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve("/deliveries/" + delivery + "/replay"))
            .POST(HttpRequest.BodyPublishers.noBody());
    bearer.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aDeliveryWhoseProjectWasDeletedIsRefusedWithConflictAndCreatesNothing() throws Exception {
    URI base = start(TOKEN);
    push(base, "d-gone");
    projects.delete(ProjectIds.fromName("Acme/Rocket"));

    HttpResponse<String> replayed = replay(base, "d-gone", Optional.of(TOKEN));

    assertThat(replayed.statusCode()).isEqualTo(409);
    assertThat(Json.MAPPER.readTree(replayed.body()).get("status").asText())
        .contains("the project " + ProjectIds.fromName("Acme/Rocket"))
        .contains("no longer exists");
    assertThat(builds.list(Optional.empty())).hasSize(1);
  }

  @Test
  void storedDeliveryIsReplayedAsNewBuildsWhileRedeliveryStillDedupes() throws Exception {
    URI base = start(TOKEN);
    String first = Json.MAPPER.readTree(push(base, "d-1").body()).get("builds").get(0).asText();

    HttpResponse<String> replayed = replay(base, "d-1", Optional.of(TOKEN));

    assertThat(replayed.statusCode()).isEqualTo(201);
    JsonNode body = Json.MAPPER.readTree(replayed.body());
    assertThat(body.get("replayOf").get(0).asText()).isEqualTo(first);
    String again = body.get("builds").get(0).asText();
    assertThat(again).isNotEqualTo(first);
    assertThat(builds.find(again).orElseThrow().request())
        .isEqualTo(builds.find(first).orElseThrow().request());
    HttpResponse<String> redelivered = push(base, "d-1");
    assertThat(Json.MAPPER.readTree(redelivered.body()).get("builds").get(0).asText())
        .isEqualTo(first);
    assertThat(builds.list(Optional.empty())).hasSize(2);
  }

  @Test
  void withoutAConfiguredTokenReplayIsOffAndSaysHowToTurnItOn() throws Exception {
    URI base = start("");
    push(base, "d-1");

    HttpResponse<String> response = replay(base, "d-1", Optional.of("anything"));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains(AdminToken.ENV);
    assertThat(builds.list(Optional.empty())).hasSize(1);
  }

  @Test
  void wrongOrMissingTokenIs401AndCreatesNothing() throws Exception {
    URI base = start(TOKEN);
    push(base, "d-1");

    assertThat(replay(base, "d-1", Optional.of("guess")).statusCode()).isEqualTo(401);
    assertThat(replay(base, "d-1", Optional.empty()).statusCode()).isEqualTo(401);
    assertThat(builds.list(Optional.empty())).hasSize(1);
  }

  @Test
  void unknownDeliveryIs404() throws Exception {
    URI base = start(TOKEN);

    HttpResponse<String> response = replay(base, "d-never", Optional.of(TOKEN));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("d-never");
  }

  @Test
  void deliveryWithAVacuumedBuildIs409() throws Exception {
    URI base = start(TOKEN);
    String first = Json.MAPPER.readTree(push(base, "d-1").body()).get("builds").get(0).asText();
    builds.delete(first);

    HttpResponse<String> response = replay(base, "d-1", Optional.of(TOKEN));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(builds.list(Optional.empty())).isEmpty();
  }
}
