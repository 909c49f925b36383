package dev.kubeherd.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway process's one HTTP server: every {@link GatewayRoutes} on one port, plus {@code GET
 * /healthz} (liveness: the event loop answers), {@code GET /readyz} (readiness: the stores answer)
 * and {@code GET /metrics} (Prometheus). Each request is logged once when its answer is sent, with
 * the GitHub delivery id when there is one.
 */
public final class GatewayServer {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

  /** Routing-context key of the build IDs a request stored, printed in its request log line. */
  static final String LOG_BUILDS = "kubeherd.logBuilds";

  /** Routing-context key set once a delivery's answer was counted in the metrics. */
  static final String COUNTED = "kubeherd.counted";

  private final Vertx vertx;
  private final GatewayMetrics metrics;
  private final ReadinessCheck readiness;
  private final List<GatewayRoutes> gateways;
  private final BodyDeadline bodyDeadline;

  /**
   * How long a connection may send and receive nothing before it is closed; longer than the log
   * streams' keep-alive, so only dead or stalled connections are.
   */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(120);

  public GatewayServer(
      Vertx vertx, GatewayMetrics metrics, ReadinessCheck readiness, List<GatewayRoutes> gateways) {
    this(vertx, metrics, readiness, gateways, BodyDeadline.DEFAULT);
  }

  /**
   * @param bodyDeadline how long a sender has to send a POST's whole body before it gets 408
   */
  public GatewayServer(
      Vertx vertx,
      GatewayMetrics metrics,
      ReadinessCheck readiness,
      List<GatewayRoutes> gateways,
      Duration bodyDeadline) {
    this.vertx = vertx;
    this.metrics = metrics;
    this.readiness = readiness;
    this.gateways = List.copyOf(gateways);
    this.bodyDeadline = new BodyDeadline(vertx, bodyDeadline);
  }

  public List<GatewayRoutes> gateways() {
    return gateways;
  }

  /** A router with every route, for mounting in a larger server. */
  public Router router() {
    Router router = Router.router(vertx);
    router.route().handler(this::logWhenAnswered);
    // HEAD too: uptime checks often use it
    router
        .route("/healthz")
        .method(HttpMethod.GET)
        .method(HttpMethod.HEAD)
        .handler(ctx -> endPlain(ctx, "OK"));
    router.route("/readyz").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::ready);
    router.get("/metrics").handler(this::scrape);
    router.route().handler(bodyDeadline::handle); // POSTs only; a route for any method adds no 405
    gateways.forEach(g -> g.mount(router));
    router.route().failureHandler(GatewayServer::failed);
    return router;
  }

  /**
   * Starts the HTTP server with {@link #router()} on {@code eventLoops} event loops ({@link
   * EventLoopServers}); port 0 picks a free port. The server serves no WebSockets, so it offers no
   * WebSocket compression either: that would put a handler that looks for a WebSocket handshake in
   * front of every request (P4, {@code docs/benchmarks.md}).
   *
   * @return the first server to listen; closing Vert.x closes them all
   */
  public Future<HttpServer> listen(String host, int port, int eventLoops) {
    return EventLoopServers.listen(
        vertx, router(), GatewayServer::serverOptions, host, port, eventLoops);
  }

  /** {@link #listen(String, int, int)} on one event loop per core. */
  public Future<HttpServer> listen(String host, int port) {
    return listen(host, port, Runtime.getRuntime().availableProcessors());
  }

  private static HttpServerOptions serverOptions() {
    return new HttpServerOptions()
        .setIdleTimeout((int) IDLE_TIMEOUT.toSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setPerFrameWebSocketCompressionSupported(false)
        .setPerMessageWebSocketCompressionSupported(false);
  }

  private void ready(RoutingContext ctx) {
    vertx
        .executeBlocking(readiness::problem, false)
        .onComplete(
            result -> {
              if (result.succeeded() && result.result().isEmpty()) {
                endPlain(ctx, "ready");
              } else {
                String why =
                    result.succeeded()
                        ? result.result().get()
                        : "readiness check failed: " + result.cause().getMessage();
                ctx.response().setStatusCode(503);
                endPlain(ctx, "not ready: " + why);
              }
            });
  }

  /** Ends with {@code text}, or with no body for a HEAD request (its headers alone answer it). */
  private static void endPlain(RoutingContext ctx, String text) {
    if (ctx.request().method() == HttpMethod.HEAD) {
      ctx.response().end();
    } else {
      ctx.response().end(text);
    }
  }

  private void scrape(RoutingContext ctx) {
    vertx
        .executeBlocking(metrics::scrape, false)
        .onSuccess(
            text ->
                ctx.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(text))
        .onFailure(ctx::fail);
  }

  private void logWhenAnswered(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(
        done -> {
          countIfNotCounted(ctx, start);
          String path = LoggedPath.of(ctx.request().path());
          if (path.equals("/healthz") || path.equals("/readyz") || path.equals("/metrics")) {
            return;
          }
          String delivery = ctx.request().getHeader("X-GitHub-Delivery");
          Object builds = ctx.get(LOG_BUILDS);
          LOG.info(
              "{} {} {} {} ms{}{}",
              ctx.request().method(),
              path,
              ctx.response().ended() ? ctx.response().getStatusCode() : "(no answer)",
              (System.nanoTime() - start) / 1_000_000,
              delivery == null ? "" : " delivery=" + LogText.printable(delivery),
              builds == null ? "" : " builds=" + builds);
        });
    ctx.next();
  }

  /**
   * Counts a delivery answered before its gateway's handler could (413, 408, 400 from the router):
   * every answered POST to a delivery route is counted once.
   */
  private void countIfNotCounted(RoutingContext ctx, long start) {
    if (ctx.request().method() != HttpMethod.POST
        || ctx.get(COUNTED, false)
        || !ctx.response().ended()) {
      return; // not a delivery, counted already, or never answered (the sender went away)
    }
    for (GatewayRoutes gateway : gateways) {
      Optional<GatewayRoutes.DeliveryLabels> labels = gateway.labels(ctx.request());
      if (labels.isPresent()) {
        metrics.delivery(
            labels.get().gateway(),
            labels.get().event(),
            ctx.response().getStatusCode(),
            Duration.ofNanos(System.nanoTime() - start));
        return;
      }
    }
  }

  /** A client that went away mid-request is not an error of ours; anything else is logged. */
  private static void failed(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof HttpClosedException) {
      LOG.debug("Client closed the connection before its request was read");
      return;
    }
    if (failure != null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      // the sender's fault (a body over the limit, a request it could not finish): one line, so
      // anyone who can reach the port cannot fill the log with stack traces
      LOG.warn(
          "Request to {} refused with {}: {}",
          LoggedPath.of(ctx.request().path()),
          ctx.statusCode(),
          failure.toString());
    } else if (failure != null) {
      LOG.error("Request to {} failed", LoggedPath.of(ctx.request().path()), failure);
    }
    if (!ctx.response().ended() && !ctx.response().closed()) {
      int code = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      ctx.response().setStatusCode(code).end();
    }
  }
}
