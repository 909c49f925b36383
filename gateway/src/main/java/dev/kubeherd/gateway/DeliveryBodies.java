package dev.kubeherd.gateway;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a delivery's body, whatever its Content-Type, as the bytes that were sent: a webhook is
 * verified (HMAC) and parsed from its raw body, as Brigade v1's gateways did. Unlike Vert.x's
 * {@code BodyHandler}, it never decodes a form-encoded body (GitHub's default webhook content type,
 * and curl's default for {@code -d}), whose decoder refused anything over 8 KB with an empty 400. A
 * body over the limit gets a 413: at once when its Content-Length says so, before it is read, or as
 * soon as a chunked one passes it.
 */
public final class DeliveryBodies implements Handler<RoutingContext> {
  private static final String BODY = "kubeherd.deliveryBody";
  private static final int MAX_INITIAL = 64 * 1024;

  private final long limit;

  private DeliveryBodies(long limit) {
    this.limit = limit;
  }

  /** A body reader for deliveries of at most {@code limit} bytes. */
  public static DeliveryBodies handler(long limit) {
    return new DeliveryBodies(limit);
  }

  /** The body this handler read for {@code ctx}; null when it did not run. */
  static Buffer of(RoutingContext ctx) {
    return ctx.get(BODY);
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (request.isEnded()) {
      // its body is gone: this must run before any handler that lets the request flow
      ctx.fail(new IllegalStateException("the delivery's body was read before DeliveryBodies ran"));
      return;
    }
    long declared = declaredLength(request);
    if (declared > limit) {
      ctx.fail(413);
      return;
    }
    // sized from the Content-Length, so a typical body is read into one buffer without copying
    Buffer body = Buffer.buffer((int) Math.min(declared > 0 ? declared : 1024, MAX_INITIAL));
    boolean[] tooLarge = {false};
    request.handler(
        chunk -> {
          if (tooLarge[0]) {
            return;
          }
          if (body.length() + (long) chunk.length() > limit) {
            tooLarge[0] = true;
            ctx.fail(413);
            return;
          }
          body.appendBuffer(chunk);
        });
    request.endHandler(
        done -> {
          if (!tooLarge[0]) {
            ctx.put(BODY, body);
            ctx.next();
          }
        });
    request.exceptionHandler(
        failure -> {
          if (!tooLarge[0] && !ctx.failed()) {
            ctx.fail(failure);
          }
        });
    request.resume();
  }

  /** The Content-Length, or -1 when there is none (chunked) or it is not a number. */
  private static long declaredLength(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length == null) {
      return -1;
    }
    try {
      return Long.parseLong(length.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
