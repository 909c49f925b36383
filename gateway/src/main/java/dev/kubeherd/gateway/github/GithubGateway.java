package dev.kubeherd.gateway.github;

import dev.kubeherd.core.Json;
import dev.kubeherd.gateway.GatewayMetrics;
import dev.kubeherd.gateway.GatewayRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GitHub App gateway's routes: {@code POST /events/github} and {@code POST
 * /events/github/:app/:inst} (parameters unused, as in v1). The raw body is handed to a {@link
 * GithubReceiver} on a worker thread, so store writes never block the event loop, and its {@link
 * GithubReply} is written back as JSON. Bodies over GitHub's 25 MB limit are refused with 413.
 */
public final class GithubGateway implements GatewayRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(GithubGateway.class);
  public static final String PATH = "/events/github";
  public static final long BODY_LIMIT = 25L * 1024 * 1024;

  private final Vertx vertx;
  private final GithubReceiver receiver;
  private final GatewayMetrics metrics;

  public GithubGateway(Vertx vertx, GithubReceiver receiver, GatewayMetrics metrics) {
    this.vertx = vertx;
    this.receiver = receiver;
    this.metrics = metrics;
  }

  @Override
  public void mount(Router router) {
    router.post(PATH + "*").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
    router.post(PATH).handler(this::handle);
    router.post(PATH + "/:app/:inst").handler(this::handle);
  }

  @Override
  public String describe() {
    return "GitHub webhooks at " + PATH;
  }

  private void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    HttpServerRequest request = ctx.request();
    GithubReceiver.Headers headers =
        new GithubReceiver.Headers(
            request.getHeader("X-GitHub-Event"),
            request.getHeader("X-GitHub-Delivery"),
            request.getHeader(GithubSignature.SHA256_HEADER),
            request.getHeader(GithubSignature.SHA1_HEADER));
    Buffer buffer = ctx.body().buffer();
    byte[] body = buffer == null ? new byte[0] : buffer.getBytes();
    vertx
        .executeBlocking(() -> receiver.receive(headers, body), false)
        .recover(
            e -> {
              LOG.error("Delivery {} failed", headers.delivery(), e);
              return Future.succeededFuture(
                  GithubReply.status(500, "Internal error; the delivery can be redelivered"));
            })
        .onSuccess(
            reply -> {
              // counted before the answer, so whoever got the answer also sees it counted
              metrics.delivery(
                  "github",
                  metricEvent(headers.event()),
                  reply.status(),
                  Duration.ofNanos(System.nanoTime() - start));
              write(ctx, reply);
            });
  }

  /**
   * Known event names as they are; anything else one label, so a sender cannot grow the metrics.
   */
  private static String metricEvent(String event) {
    return "ping".equals(event) || GithubEvents.isSupported(event) ? event : "other";
  }

  private static void write(RoutingContext ctx, GithubReply reply) {
    ctx.response()
        .setStatusCode(reply.status())
        .putHeader("Content-Type", "application/json")
        .end(Json.MAPPER.writeValueAsString(reply.body()));
  }
}
