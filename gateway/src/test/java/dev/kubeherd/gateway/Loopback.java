package dev.kubeherd.gateway;

import dev.kubeherd.core.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * A {@link GatewayServer} on a loopback port with the given gateways, and a client for it: the
 * harness of the gateways' HTTP tests. Close it after each test.
 */
public final class Loopback implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final GatewayMetrics metrics = new GatewayMetrics();
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI base;

  /** Starts a server with the gateways {@code routes} makes from this Vert.x and metrics. */
  public Loopback(Function<Loopback, List<GatewayRoutes>> routes) throws Exception {
    this(routes, BodyDeadline.DEFAULT);
  }

  /** {@link #Loopback(Function)} giving senders {@code bodyDeadline} to send a POST's body. */
  public Loopback(Function<Loopback, List<GatewayRoutes>> routes, Duration bodyDeadline)
      throws Exception {
    GatewayServer server =
        new GatewayServer(
            vertx, metrics, ReadinessCheck.always(), routes.apply(this), bodyDeadline);
    HttpServer listening = server.listen("127.0.0.1", 0).await(10, TimeUnit.SECONDS);
    base = URI.create("http://127.0.0.1:" + listening.actualPort());
  }

  public Vertx vertx() {
    return vertx;
  }

  public GatewayMetrics metrics() {
    return metrics;
  }

  public URI uri(String pathAndQuery) {
    return base.resolve(pathAndQuery);
  }

  /** POSTs {@code body} as JSON. */
  public HttpResponse<String> post(String pathAndQuery, String body) throws Exception {
    return send(
        HttpRequest.newBuilder(uri(pathAndQuery))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The {@code builds} array of a JSON answer. */
  public static List<String> buildIds(HttpResponse<String> response) {
    JsonNode builds = Json.MAPPER.readTree(response.body()).path("builds");
    return builds.valueStream().map(JsonNode::asString).toList();
  }

  /**
   * POSTs an empty body to {@code rawPath} exactly as written, over a plain socket (an HTTP client
   * would refuse or re-encode a malformed path), and returns the status line.
   */
  public String postRaw(String rawPath) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", base.getPort())) {
      socket
          .getOutputStream()
          .write(
              ("POST "
                      + rawPath
                      + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return answer.lines().findFirst().orElse("");
    }
  }

  /**
   * Opens {@code count} connections that send the headers of a POST to {@code path} announcing a
   * large body, and a few bytes of it, and then nothing: stalled clients. Close them when done.
   */
  public List<Socket> stalledClients(int count, String path) throws Exception {
    List<Socket> sockets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Socket socket = new Socket("127.0.0.1", base.getPort());
      socket
          .getOutputStream()
          .write(
              ("POST "
                      + path
                      + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      + "Content-Length: 100000\r\n\r\n{\"ref\":")
                  .getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      sockets.add(socket);
    }
    return sockets;
  }

  @Override
  public void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
