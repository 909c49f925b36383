package dev.kubeherd.gateway.github;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.kubeherd.gateway.admin.AdminToken;
import dev.kubeherd.gateway.admin.ReplayRoutes;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets, signatures and the operator token never show in an answer or a log line, whatever a
 * delivery gets: stored, refused, malformed, unknown project, replayed.
 */
class GithubGatewayNoLeakTest {
  private static final String SECRET = "project-secret-4711";
  private static final String DEFAULT_SECRET = "default-secret-0815";
  private static final String TOKEN = "operator-token-2342";

  @TempDir Path tmp;

  @Test
  void noAnswerOrLogLineContainsASecret() throws Exception {
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
    DirectoryBuildStore builds = new DirectoryBuildStore(home, Clock.systemUTC());
    DirectoryDeliveries deliveries = new DirectoryDeliveries(home);
    GatewayMetrics metrics = new GatewayMetrics();
    GithubReceiver receiver =
        new GithubReceiver(projects, builds, deliveries, GithubSettings.defaults(DEFAULT_SECRET));
    Vertx vertx = Vertx.vertx();
    PrintStream stderr = System.err;
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    List<String> answers = new ArrayList<>();
    List<String> signatures = new ArrayList<>();
    System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
    try {
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
                      AdminToken.of(TOKEN))));
      int port = server.listen("127.0.0.1", 0).await(10, TimeUnit.SECONDS).actualPort();
      URI base = URI.create("http://127.0.0.1:" + port);
      HttpClient http = HttpClient.newHttpClient();
      String rocket = push("Acme/Rocket");
      String open = push("Acme/Open");
      for (String[] delivery :
          new String[][] {
            {rocket, SECRET}, // stored
            {rocket, "wrong"}, // bad signature
            {open, DEFAULT_SECRET}, // stored with the default secret
            {open, SECRET}, // the other project's secret
            {push("Acme/Unknown"), SECRET}, // unknown project
            {"{not json", SECRET}, // malformed
          }) {
        String signature =
            GithubSignature.sign256(delivery[0].getBytes(StandardCharsets.UTF_8), delivery[1]);
        signatures.add(signature);
        HttpRequest request =
            HttpRequest.newBuilder(base.resolve(GithubGateway.PATH))
                .header("X-GitHub-Event", "push")
                .header("X-GitHub-Delivery", "d-" + answers.size())
                .header(GithubSignature.SHA256_HEADER, signature)
                .header(
                    GithubSignature.SHA1_HEADER,
                    GithubSignature.sign1(
                        delivery[0].getBytes(StandardCharsets.UTF_8), delivery[1]))
                .POST(HttpRequest.BodyPublishers.ofString(delivery[0]))
                .build();
        answers.add(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
      }
      for (String bearer : List.of(TOKEN, TOKEN + "x")) {
        HttpRequest replay =
            HttpRequest.newBuilder(base.resolve("/deliveries/d-0/replay"))
                .header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        answers.add(http.send(replay, HttpResponse.BodyHandlers.ofString()).body());
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
      System.setErr(stderr);
    }

    String logged = logs.toString(StandardCharsets.UTF_8);
    assertThat(logged).contains("delivery=d-0").contains("delivery=d-1");
    assertThat(answers).hasSize(8).anySatisfy(a -> assertThat(a).contains("Replayed"));
    List<String> forbidden = new ArrayList<>(List.of(SECRET, DEFAULT_SECRET, TOKEN));
    signatures.forEach(s -> forbidden.add(s.substring("sha256=".length())));
    for (String secret : forbidden) {
      assertThat(logged).doesNotContain(secret);
      assertThat(answers).noneSatisfy(a -> assertThat(a).contains(secret));
    }
  }

  private static String push(String repository) {
    return "{\"ref\":\"refs/heads/main\",\"head_commit\":{\"id\":\"c0ffee\"},"
        + "\"repository\":{\"full_name\":\""
        + repository
        + "\"}}";
  }
}
