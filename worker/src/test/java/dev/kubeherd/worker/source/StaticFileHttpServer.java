package dev.kubeherd.worker.source;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves the files under a directory over plain HTTP, ignoring query strings: a "dumb HTTP" git
 * server when the directory holds bare repositories after {@code git update-server-info}.
 */
final class StaticFileHttpServer implements AutoCloseable {
  private final HttpServer server;

  StaticFileHttpServer(Path root) throws IOException {
    this(root, null);
  }

  /**
   * @param authorization the {@code Authorization} header every request must carry (else 401
   *     Basic), or null for a public server
   */
  StaticFileHttpServer(Path root, String authorization) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
          if (authorization != null
              && !authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
            exchange.sendResponseHeaders(401, -1);
          } else if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
          } else {
            byte[] body = Files.readAllBytes(file);
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
  }

  /** {@code http://127.0.0.1:port/path}. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
