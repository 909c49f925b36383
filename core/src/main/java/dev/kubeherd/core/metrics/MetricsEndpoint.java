package dev.kubeherd.core.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} on a port of its own, for processes without the gateway (the controller, a
 * worker pool): the JDK's HTTP server, one virtual thread per request. The text comes from {@code
 * scrape}, e.g. a Prometheus registry's {@code scrape()}.
 */
public final class MetricsEndpoint implements AutoCloseable {
  /** The Prometheus text exposition format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;

  private MetricsEndpoint(HttpServer server) {
    this.server = server;
  }

  /**
   * Listens on {@code address:port} ({@code port} 0: any free port).
   *
   * @throws UncheckedIOException when the port cannot be bound, naming it
   */
  public static MetricsEndpoint start(String address, int port, Supplier<String> scrape) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(address, port), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "The metrics endpoint could not listen on "
              + address
              + ":"
              + port
              + " ("
              + e.getMessage()
              + "); set KUBEHERD_METRICS_PORT to a free port or 0 to switch it off",
          e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/metrics", exchange -> answer(exchange, scrape));
    server.start();
    return new MetricsEndpoint(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, Supplier<String> scrape) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())
          || !"/metrics".equals(exchange.getRequestURI().getPath())) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] body = scrape.get().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
