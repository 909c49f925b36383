package dev.kubeherd.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a sender a fixed time to send its whole request body: one that is still sending after
 * {@link #DEFAULT} (a stalled or trickling client) is answered 408 and disconnected, so the part it
 * sent is freed and it holds no buffer for good. Mounted before every route; it acts on POSTs.
 * GitHub sends a delivery in well under a second.
 */
public final class BodyDeadline {
  private static final Logger LOG = LoggerFactory.getLogger(BodyDeadline.class);
  public static final Duration DEFAULT = Duration.ofSeconds(30);

  private final Vertx vertx;
  private final Duration deadline;

  public BodyDeadline(Vertx vertx, Duration deadline) {
    this.vertx = vertx;
    this.deadline = deadline;
  }

  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (request.method() != HttpMethod.POST) {
      ctx.next();
      return;
    }
    long timer =
        vertx.setTimer(
            deadline.toMillis(),
            id -> {
              if (request.isEnded() || ctx.response().ended() || ctx.response().closed()) {
                return;
              }
              LOG.debug("{}: body not received within {}", LoggedPath.of(request.path()), deadline);
              String why = "request body not received within " + deadline.toSeconds() + " s";
              if (request.version() == HttpVersion.HTTP_2) {
                // other requests share the connection: only this stream is ended
                ctx.response()
                    .setStatusCode(408)
                    .end(why)
                    .onComplete(done -> ctx.response().reset());
              } else {
                ctx.response()
                    .setStatusCode(408)
                    .putHeader("Connection", "close")
                    .end(why)
                    .onComplete(done -> request.connection().close());
              }
            });
    ctx.addEndHandler(done -> vertx.cancelTimer(timer));
    ctx.next();
  }
}
