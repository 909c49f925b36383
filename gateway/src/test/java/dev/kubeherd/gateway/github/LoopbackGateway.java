package dev.kubeherd.gateway.github;

import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.DirectoryDeliveries;
import dev.kubeherd.core.local.DirectoryProjectStore;
import dev.kubeherd.core.local.JournaledIntake;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.core.port.DeliveryIntake;
import dev.kubeherd.core.service.RecordedIntake;
import dev.kubeherd.gateway.BlockingResponder;
import dev.kubeherd.gateway.GatewayMetrics;
import dev.kubeherd.gateway.GatewayServer;
import dev.kubeherd.gateway.ReadinessCheck;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real GitHub gateway for tests: {@link GatewayServer} with {@link GithubGateway} on a free
 * loopback port, over directory stores in {@code home}, with the v1 default settings; deliveries
 * are stored build by build ({@link #start}) or through the local journal ({@link
 * #startJournaled}), as {@code kubeherd gateway --local} does.
 */
final class LoopbackGateway implements AutoCloseable {
  final DirectoryProjectStore projects;
  final DirectoryBuildStore builds;
  final DirectoryDeliveries deliveries;
  final URI url;

  private final Vertx vertx;
  private final DeliveryIntake intake;
  private final HttpClient http = HttpClient.newHttpClient();

  private LoopbackGateway(Path home, IntakeFactory intakes, Duration deadline) throws Exception {
    LocalHome local = new LocalHome(home);
    projects = new DirectoryProjectStore(local);
    builds = new DirectoryBuildStore(local, Clock.systemUTC());
    deliveries = new DirectoryDeliveries(local);
    intake = intakes.open(local, builds, deliveries);
    GithubReceiver receiver =
        new GithubReceiver(projects, intake, GithubSettings.defaults(""), Optional.empty());
    vertx = Vertx.vertx();
    GatewayMetrics metrics = new GatewayMetrics();
    GatewayServer server =
        new GatewayServer(
            vertx,
            metrics,
            ReadinessCheck.always(),
            List.of(new GithubGateway(vertx, receiver, metrics, deadline)));
    HttpServer listening = server.listen("127.0.0.1", 0).await(10, TimeUnit.SECONDS);
    url = URI.create("http://127.0.0.1:" + listening.actualPort() + GithubGateway.PATH);
  }

  /** Where the gateway's deliveries go, made from its stores. */
  @FunctionalInterface
  interface IntakeFactory {
    DeliveryIntake open(LocalHome home, DirectoryBuildStore builds, DirectoryDeliveries deliveries);
  }

  /** Builds stored one by one, then the record ({@code RecordedIntake}). */
  static LoopbackGateway start(Path home) throws Exception {
    return start(home, (h, b, d) -> new RecordedIntake(b, d), BlockingResponder.ANSWER_DEADLINE);
  }

  /** Deliveries through the local journal, as {@code kubeherd gateway --local} stores them. */
  static LoopbackGateway startJournaled(Path home) throws Exception {
    return start(
        home,
        (h, b, d) -> JournaledIntake.open(h, b, d).orElseThrow(),
        BlockingResponder.ANSWER_DEADLINE);
  }

  static LoopbackGateway start(Path home, IntakeFactory intakes, Duration deadline)
      throws Exception {
    return new LoopbackGateway(home, intakes, deadline);
  }

  /** Creates the project named {@code repository} (owner/name) with {@code secret}. */
  void project(String repository, String secret) {
    projects.create(
        new Project(
            ProjectIds.fromName(repository),
            repository,
            "default",
            Map.of(ProjectKeys.SHARED_SECRET, secret)));
  }

  /** POSTs {@code body} as GitHub would, with {@code signature} as X-Hub-Signature-256. */
  HttpResponse<String> post(String event, String delivery, byte[] body, String signature)
      throws IOException, InterruptedException {
    return http.send(
        request(event, delivery, body, signature), HttpResponse.BodyHandlers.ofString());
  }

  /** {@link #post} without waiting for the answer. */
  CompletableFuture<HttpResponse<String>> postAsync(
      String event, String delivery, byte[] body, String signature) {
    return http.sendAsync(
        request(event, delivery, body, signature), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String event, String delivery, byte[] body, String signature) {
    return HttpRequest.newBuilder(url)
        .header("Content-Type", "application/json")
        .header("X-GitHub-Event", event)
        .header("X-GitHub-Delivery", delivery)
        .header(GithubSignature.SHA256_HEADER, signature)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  @Override
  public void close() throws Exception {
    http.close();
    vertx.close().await(10, TimeUnit.SECONDS);
    if (intake instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }
}
