package dev.kubeherd.worker.source;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server answering every request 401 Basic, as GitHub answers a token that may not
 * read the repository (or a server fishing for credentials does); it records every {@code
 * Authorization} header it was sent.
 */
final class RefusingHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  RefusingHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          if (auth != null) {
            authorizations.add(auth);
          }
          exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
          exchange.sendResponseHeaders(401, -1);
          exchange.close();
        });
    server.start();
  }

  /** The {@code http://127.0.0.1:<port>/<path>} URL of {@code path} on this server. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
  }

  /** The {@code Authorization} headers received so far, in order. */
  List<String> authorizations() {
    return authorizations;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
