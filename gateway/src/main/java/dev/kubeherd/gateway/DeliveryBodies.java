package dev.kubeherd.gateway;

import io.vertx.ext.web.handler.BodyHandler;

/** How the gateways read a delivery's body before handling it. */
public final class DeliveryBodies {
  private DeliveryBodies() {}

  /**
   * A body handler for deliveries of at most {@code limit} bytes (larger ones get a 413 as soon as
   * their Content-Length says so, before their body is read). It takes no uploads, and sizes the
   * body's buffer from the Content-Length (Vert.x caps that at 64 KB), so a typical webhook body is
   * read into one buffer of its size instead of one that starts at 1 KB and grows by copying.
   */
  public static BodyHandler handler(long limit) {
    return BodyHandler.create(false).setBodyLimit(limit).setPreallocateBodyBuffer(true);
  }
}
