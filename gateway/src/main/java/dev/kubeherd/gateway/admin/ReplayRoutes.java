package dev.kubeherd.gateway.admin;

import dev.kubeherd.core.BuildNotFoundException;
import dev.kubeherd.core.DeliveryNotFoundException;
import dev.kubeherd.core.Json;
import dev.kubeherd.core.ProjectNotFoundException;
import dev.kubeherd.core.StoreUnavailableException;
import dev.kubeherd.core.service.DeliveryReplay;
import dev.kubeherd.gateway.GatewayRoutes;
import dev.kubeherd.gateway.github.GithubAppException;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /deliveries/:id/replay}: runs a stored webhook delivery again (see {@link
 * DeliveryReplay}), for an operator whose build failed for reasons outside the event, since GitHub
 * never retries and its redelivery of an accepted delivery is (rightly) deduplicated. Guarded by
 * the {@link AdminToken}.
 */
public final class ReplayRoutes implements GatewayRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ReplayRoutes.class);
  public static final String PATH = "/deliveries/:id/replay";
  private static final Pattern DELIVERY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,255}");

  private final Vertx vertx;
  private final DeliveryReplay replay;
  private final AdminToken token;

  public ReplayRoutes(Vertx vertx, DeliveryReplay replay, AdminToken token) {
    this.vertx = vertx;
    this.replay = replay;
    this.token = token;
  }

  @Override
  public void mount(Router router) {
    router.post(PATH).handler(this::handle);
  }

  @Override
  public String describe() {
    return "delivery replay at POST " + PATH + " (needs " + AdminToken.ENV + ")";
  }

  private void handle(RoutingContext ctx) {
    switch (token.check(ctx.request().getHeader("Authorization"))) {
      case DISABLED -> {
        write(
            ctx,
            403,
            Map.of(
                "status",
                "replay is off: start the gateway with "
                    + AdminToken.ENV
                    + " set and send it as 'Authorization: Bearer <token>'"));
        return;
      }
      case REFUSED -> {
        write(ctx, 401, Map.of("status", "missing or wrong bearer token"));
        return;
      }
      case ALLOWED -> {}
    }
    String id = ctx.pathParam("id");
    if (!DELIVERY_ID.matcher(id).matches()) {
      write(ctx, 400, Map.of("status", "not a delivery id: " + id.length() + " characters"));
      return;
    }
    vertx
        .executeBlocking(() -> replay.replay(id), false)
        .onSuccess(
            result -> {
              Map<String, Object> body = new LinkedHashMap<>();
              body.put("status", "Replayed");
              body.put("delivery", result.deliveryId());
              body.put("builds", result.replayed());
              body.put("replayOf", result.original());
              write(ctx, 201, body);
            })
        .onFailure(
            e -> {
              int status = statusOf(e);
              if (status == 500) {
                LOG.error("Replay of delivery {} failed", id, e);
                write(ctx, 500, Map.of("status", "internal error; see the gateway's log"));
              } else {
                write(ctx, status, Map.of("status", e.getMessage()));
              }
            });
  }

  private static int statusOf(Throwable e) {
    if (e instanceof DeliveryNotFoundException) {
      return 404;
    }
    if (e instanceof BuildNotFoundException || e instanceof ProjectNotFoundException) {
      return 409; // a build or its project was deleted since the delivery
    }
    if (e instanceof GithubAppException) {
      return 502; // no new installation token for a payload that carries one
    }
    if (e instanceof StoreUnavailableException || e instanceof UncheckedIOException) {
      return 503;
    }
    return 500;
  }

  private static void write(RoutingContext ctx, int status, Map<String, ?> body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(Json.MAPPER.writeValueAsString(body));
  }
}
