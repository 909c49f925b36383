package dev.kubeherd.gateway.dashboard;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.StoreUnavailableException;
import dev.kubeherd.gateway.JsonReply;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers an API request with what {@code work} computes on a worker thread (the stores may block;
 * the event loop never waits for them), as {@code BlockingResponder} does for deliveries. Failures
 * become JSON errors: an {@link ApiException} its own status, a store that does not answer 503,
 * anything else a logged 500.
 */
final class ApiResponder {
  private static final Logger LOG = LoggerFactory.getLogger(ApiResponder.class);

  private final Vertx vertx;

  ApiResponder(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Runs {@code work} off the event loop and writes its JSON reply. */
  void json(RoutingContext ctx, Callable<JsonReply> work) {
    vertx
        .executeBlocking(work, false)
        .onSuccess(reply -> write(ctx, reply))
        .onFailure(e -> write(ctx, failure(ctx, e)));
  }

  /** Runs {@code work} off the event loop and writes its text as {@code text/plain}. */
  void text(RoutingContext ctx, Callable<String> work) {
    vertx
        .executeBlocking(work, false)
        .onSuccess(
            text -> {
              if (open(ctx)) {
                ctx.response()
                    .putHeader("Content-Type", "text/plain; charset=utf-8")
                    .putHeader("Cache-Control", "no-store")
                    .end(text);
              }
            })
        .onFailure(e -> write(ctx, failure(ctx, e)));
  }

  /** {@code {"error": message}} with {@code status}. */
  static JsonReply error(int status, String message) {
    return new JsonReply(status, Map.of("error", message));
  }

  static JsonReply failure(RoutingContext ctx, Throwable e) {
    if (e instanceof ApiException api) {
      return error(api.status(), api.getMessage());
    }
    if (e instanceof StoreUnavailableException || e instanceof UncheckedIOException) {
      LOG.warn(
          "{} {}: the store did not answer: {}", ctx.request().method(), path(ctx), e.toString());
      return error(503, "the build store does not answer; try again shortly");
    }
    LOG.error("{} {} failed", ctx.request().method(), path(ctx), e);
    return error(500, "internal error; see the gateway's log");
  }

  static void write(RoutingContext ctx, JsonReply reply) {
    if (!open(ctx)) {
      return;
    }
    ctx.response()
        .setStatusCode(reply.status())
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(Json.MAPPER.writeValueAsString(reply.body()));
  }

  private static boolean open(RoutingContext ctx) {
    return !ctx.response().ended() && !ctx.response().closed();
  }

  private static String path(RoutingContext ctx) {
    return ctx.request().path();
  }
}
