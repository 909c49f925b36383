package dev.kubeherd.gateway;

import io.vertx.ext.web.Router;

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
}
