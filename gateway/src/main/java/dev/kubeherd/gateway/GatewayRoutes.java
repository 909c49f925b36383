package dev.kubeherd.gateway;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import java.util.Optional;

/**
 * One gateway's routes (GitHub, generic, container registry …), mounted by {@link GatewayServer}
 * next to the others on one port. Implementations add their own body handlers and hand blocking
 * work to worker threads.
 */
public interface GatewayRoutes {

  /** Adds this gateway's routes to {@code router}. */
  void mount(Router router);

  /**
   * One line for people: which paths this gateway serves, e.g. "GitHub webhooks at /events/github".
   */
  String describe();

  /**
   * The {@code gateway} and {@code event} metric labels of a request to this gateway's delivery
   * routes, used to count the deliveries refused before a route answered (body too large 413, body
   * too slow 408, malformed request 400); empty for other paths.
   */
  default Optional<DeliveryLabels> labels(HttpServerRequest request) {
    return Optional.empty();
  }

  /** The labels of one counted delivery; {@code event} is one of a fixed few values. */
  record DeliveryLabels(String gateway, String event) {}
}
