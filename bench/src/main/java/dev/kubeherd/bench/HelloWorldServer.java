package dev.kubeherd.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;

/**
 * P4's baseline: a bare Vert.x server with one route answering every request with a fixed text,
 * nothing else (no body handler, no logging, no store). {@code bench/run.sh p4} runs it on the
 * distribution jar's Vert.x ({@code -cp cli/target/kubeherd.jar:bench/target/classes}) with the
 * gateway's JVM flags. Prints {@code Hello server listening on 127.0.0.1:PORT}, then serves until
 * killed.
 *
 * <p>Usage: {@code HelloWorldServer [port]} (default 0: a free port).
 */
public final class HelloWorldServer {
  private HelloWorldServer() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    Vertx vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.route().handler(ctx -> ctx.response().end("Hello World"));
    listen(vertx, router, port, "Hello");
  }

  /**
   * Serves {@code router} on loopback and prints {@code <name> server listening on 127.0.0.1:PORT},
   * the line {@link GatewayThroughput} waits for.
   */
  static void listen(Vertx vertx, Router router, int port, String name) throws Exception {
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(router)
            .listen(port, "127.0.0.1")
            .await(30, TimeUnit.SECONDS);
    System.out.println(name + " server listening on 127.0.0.1:" + server.actualPort());
    System.out.flush();
  }
}
