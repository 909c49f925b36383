package dev.kubeherd.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server around the gateways: probes, metrics and mounting, over loopback HTTP. */
class GatewayServerTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final Vertx vertx = Vertx.vertx();
  private final GatewayMetrics metrics = new GatewayMetrics();
  private final AtomicReference<Optional<String>> problem = new AtomicReference<>(Optional.empty());

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private URI start(GatewayRoutes... routes) throws Exception {
    GatewayServer server = new GatewayServer(vertx, metrics, problem::get, List.of(routes));
    HttpServer http = server.listen("127.0.0.1", 0).await(10, TimeUnit.SECONDS);
    return URI.create("http://127.0.0.1:" + http.actualPort());
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void readinessFollowsTheCheck() throws Exception {
    URI base = start();

    assertThat(get(base.resolve("/readyz")).statusCode()).isEqualTo(200);
    problem.set(Optional.of("the project store does not answer: connection refused"));
    HttpResponse<String> down = get(base.resolve("/readyz"));

    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.body()).contains("connection refused");
    assertThat(get(base.resolve("/healthz")).body()).isEqualTo("OK");
  }

  @Test
  void healthAndReadinessAnswerHeadAsUptimeChecksSendIt() throws Exception {
    URI base = start();

    for (String path : new String[] {"/healthz", "/readyz"}) {
      HttpResponse<String> head =
          http.send(
              HttpRequest.newBuilder(base.resolve(path))
                  .method("HEAD", HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(head.statusCode()).as(path).isEqualTo(200);
      assertThat(head.body()).as(path).isEmpty();
    }
    problem.set(Optional.of("the build store does not answer"));
    assertThat(
            http.send(
                    HttpRequest.newBuilder(base.resolve("/readyz"))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(503);
  }

  @Test
  void metricsCountDeliveriesByGatewayEventAndResultWithAckLatency() throws Exception {
    metrics.delivery("github", "push", 200, Duration.ofMillis(12));
    metrics.delivery("github", "push", 200, Duration.ofMillis(8));
    metrics.delivery("github", "", 401, Duration.ofMillis(3));
    URI base = start();

    HttpResponse<String> scrape = get(base.resolve("/metrics"));

    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(scrape.body())
        .contains(
            "kubeherd_gateway_deliveries_total{event=\"push\",gateway=\"github\",result=\"200\"} 2.0")
        .contains(
            "kubeherd_gateway_deliveries_total{event=\"unknown\",gateway=\"github\",result=\"401\"} 1.0")
        .contains("kubeherd_gateway_ack_seconds_count{gateway=\"github\"} 3")
        .contains("kubeherd_gateway_ack_seconds_bucket{gateway=\"github\",le=");
  }

  @Test
  void everyGatewaysRoutesAreMountedOnTheOnePort() throws Exception {
    URI base = start(route("/one", "first"), route("/two", "second"));

    assertThat(get(base.resolve("/one")).body()).isEqualTo("first");
    assertThat(get(base.resolve("/two")).body()).isEqualTo("second");
    assertThat(get(base.resolve("/three")).statusCode()).isEqualTo(404);
  }

  @Test
  void connectionsAreSpreadOverTheEventLoopsAskedFor() throws Exception {
    GatewayRoutes threadName =
        route("/thread", ctx -> ctx.response().end(Thread.currentThread().getName()));
    GatewayServer server = new GatewayServer(vertx, metrics, problem::get, List.of(threadName));
    int port = server.listen("127.0.0.1", 0, 2).await(10, TimeUnit.SECONDS).actualPort();

    Set<String> threads = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      threads.add(answerOnNewConnection(port, "/thread"));
    }

    assertThat(threads).hasSize(2).allSatisfy(t -> assertThat(t).startsWith("vert.x-eventloop"));
    vertx.close().await(10, TimeUnit.SECONDS);
    assertThatThrownBy(() -> answerOnNewConnection(port, "/thread"))
        .as("closing Vert.x closes every server sharing the port")
        .isInstanceOf(IOException.class);
  }

  @Test
  void twoServersAskedForAFreePortGetOneEach() throws Exception {
    GatewayServer one = new GatewayServer(vertx, metrics, problem::get, List.of());
    GatewayServer two = new GatewayServer(vertx, metrics, problem::get, List.of());

    int first = one.listen("127.0.0.1", 0, 2).await(10, TimeUnit.SECONDS).actualPort();
    int second = two.listen("127.0.0.1", 0, 2).await(10, TimeUnit.SECONDS).actualPort();

    assertThat(first).isPositive().isNotEqualTo(second);
    assertThat(second).isPositive();
  }

  @Test
  void noEventLoopIsRefused() {
    GatewayServer server = new GatewayServer(vertx, metrics, problem::get, List.of());

    assertThatThrownBy(() -> server.listen("127.0.0.1", 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }

  /** The body of a GET sent on a connection of its own (the JDK client would reuse one). */
  private static String answerOnNewConnection(int port, String path) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket
          .getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String response =
          new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      int headersEnd = response.indexOf("\r\n\r\n");
      assertThat(headersEnd).as("an HTTP answer: %s", response).isPositive();
      return response.substring(headersEnd + 4);
    }
  }

  private static GatewayRoutes route(String path, String answer) {
    return route(path, ctx -> ctx.response().end(answer));
  }

  private static GatewayRoutes route(String path, Handler<RoutingContext> handler) {
    return new GatewayRoutes() {
      @Override
      public void mount(Router router) {
        router.get(path).handler(handler);
      }

      @Override
      public String describe() {
        return "test route at " + path;
      }
    };
  }
}
