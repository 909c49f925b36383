package dev.kubeherd.gateway;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One HTTP server per event loop, all on one port: Vert.x hands each new connection to the next of
 * them in turn. With a single loop, that one thread reads every request and writes every answer,
 * and whatever waits for the answers (the local journal's group commit) waits for it too (P4,
 * {@code docs/benchmarks.md}).
 */
final class EventLoopServers {
  /**
   * Vert.x gives every server asked for port 0 a free port of its own, but servers asked for the
   * same negative number share one free port: each call for port 0 takes the next such number, so
   * two gateways on one Vert.x do not share theirs.
   */
  private static final AtomicInteger SHARED_FREE_PORTS = new AtomicInteger();

  private final Vertx vertx;
  private final Router router;
  private final Supplier<HttpServerOptions> options;
  private final String host;
  private final int eventLoops;

  private EventLoopServers(
      Vertx vertx,
      Router router,
      Supplier<HttpServerOptions> options,
      String host,
      int eventLoops) {
    this.vertx = vertx;
    this.router = router;
    this.options = options;
    this.host = host;
    this.eventLoops = eventLoops;
  }

  /**
   * Deploys {@code eventLoops} servers routing to {@code router} on {@code host:port}; port 0 picks
   * a free port, the same for all of them.
   *
   * @param options a server's options, made anew for each
   * @return the first server to listen; closing Vert.x closes them all
   * @throws IllegalArgumentException when {@code eventLoops} is below 1
   */
  static Future<HttpServer> listen(
      Vertx vertx,
      Router router,
      Supplier<HttpServerOptions> options,
      String host,
      int port,
      int eventLoops) {
    if (eventLoops < 1) {
      throw new IllegalArgumentException("eventLoops must be at least 1, was " + eventLoops);
    }
    return new EventLoopServers(vertx, router, options, host, eventLoops).listen(port);
  }

  private Future<HttpServer> listen(int port) {
    int asked = port == 0 ? SHARED_FREE_PORTS.decrementAndGet() : port;
    Queue<HttpServer> listening = new ConcurrentLinkedQueue<>();
    return vertx
        .deployVerticle(
            () -> new SharedServer(asked, listening),
            new DeploymentOptions().setInstances(eventLoops))
        .map(deployment -> listening.peek());
  }

  /** One of the servers sharing the port, on the event loop its deployment instance got. */
  private final class SharedServer extends VerticleBase {
    private final int port;
    private final Queue<HttpServer> listening;

    SharedServer(int port, Queue<HttpServer> listening) {
      this.port = port;
      this.listening = listening;
    }

    @Override
    public Future<?> start() {
      return vertx
          .createHttpServer(options.get())
          .requestHandler(router)
          .listen(port, host)
          .onSuccess(listening::add);
    }
  }
}
