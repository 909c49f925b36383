package dev.kubeherd.gateway.github;

import dev.kubeherd.core.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GitHub App gateway's HTTP side (Vert.x web): {@code POST /events/github}, {@code POST
 * /events/github/:app/:inst} (parameters unused, as in v1) and {@code GET /healthz}. The raw body
 * is handed to a {@link GithubReceiver} on a worker thread, so store writes never block the event
 * loop, and its {@link GithubReply} is written back as JSON. Bodies over GitHub's 25 MB limit are
 * refused with 413.
 */
public final class GithubGateway {
  private static final Logger LOG = LoggerFactory.getLogger(GithubGateway.class);
  public static final String PATH = "/events/github";
  public static final long BODY_LIMIT = 25L * 1024 * 1024;

  private final Vertx vertx;
  private final GithubReceiver receiver;

  public GithubGateway(Vertx vertx, GithubReceiver receiver) {
    this.vertx = vertx;
    this.receiver = receiver;
  }

  /** A router with the gateway's routes, for mounting in a larger server. */
  public Router router() {
    Router router = Router.router(vertx);
    router.get("/healthz").handler(ctx -> ctx.response().end("OK"));
    router.post(PATH + "*").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
    router.post(PATH).handler(this::handle);
    router.post(PATH + "/:app/:inst").handler(this::handle);
    router.route().failureHandler(GithubGateway::failed);
    return router;
  }

  /** Starts an HTTP server with {@link #router()}; port 0 picks a free port. */
  public Future<HttpServer> listen(String host, int port) {
    return vertx.createHttpServer().requestHandler(router()).listen(port, host);
  }

  private void handle(RoutingContext ctx) {
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
        .onSuccess(reply -> write(ctx, reply))
        .onFailure(
            e -> {
              LOG.error("Delivery {} failed", headers.delivery(), e);
              write(
                  ctx, GithubReply.status(500, "Internal error; the delivery can be redelivered"));
            });
  }

  /** A client that went away mid-request is not an error of ours; anything else is logged. */
  private static void failed(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof HttpClosedException) {
      LOG.debug("Client closed the connection before its request was read");
      return;
    }
    if (failure != null) {
      LOG.error("Request to {} failed", ctx.request().path(), failure);
    }
    if (!ctx.response().ended() && !ctx.response().closed()) {
      int code = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      ctx.response().setStatusCode(code).end();
    }
  }

  private static void write(RoutingContext ctx, GithubReply reply) {
    ctx.response()
        .setStatusCode(reply.status())
        .putHeader("Content-Type", "application/json")
        .end(Json.MAPPER.writeValueAsString(reply.body()));
  }
}
