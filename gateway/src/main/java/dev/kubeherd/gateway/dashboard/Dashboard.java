package dev.kubeherd.gateway.dashboard;

import dev.kubeherd.gateway.GatewayRoutes;
import dev.kubeherd.gateway.admin.AdminToken;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;

/**
 * The dashboard on the gateway's port: its pages ({@code /}, {@code /builds/:id}), the JSON read
 * API under {@code /api/v1} with live logs as server-sent events, and rerun and cancel behind the
 * {@link AdminToken}. Reads only the core ports, so it works on local directories and in a cluster
 * alike. See {@code docs/api.md} and {@code docs/dashboard.md}.
 */
public final class Dashboard implements GatewayRoutes {
  /** Live logs are read again at most this often, however cheap the store's reads are. */
  static final Duration MIN_POLL = Duration.ofMillis(200);

  private final ReadApi read;
  private final LogStream logs;
  private final BuildActions actions;
  private final DashboardPages pages = new DashboardPages();
  private final boolean actionsOn;

  /**
   * @param logPoll how often a live log is read again (at least {@link #MIN_POLL})
   */
  public Dashboard(Vertx vertx, Stores stores, AdminToken token, Clock clock, Duration logPoll) {
    ApiResponder responder = new ApiResponder(vertx);
    this.read = new ReadApi(responder, stores);
    this.logs = new LogStream(vertx, responder, stores, max(logPoll, MIN_POLL), clock);
    this.actions = new BuildActions(responder, stores, token, clock);
    this.actionsOn = token.check(null) != AdminToken.Check.DISABLED;
  }

  @Override
  public void mount(Router router) {
    logs.mount(router);
    read.mount(router);
    actions.mount(router);
    router
        .route(ReadApi.BASE + "/*")
        .handler(
            ctx ->
                ApiResponder.write(
                    ctx,
                    ApiResponder.error(
                        404,
                        "no API route "
                            + ctx.request().method()
                            + " "
                            + ctx.request().path()
                            + "; see docs/api.md")));
    pages.mount(router);
  }

  @Override
  public String describe() {
    return "dashboard at / and its read API at "
        + ReadApi.BASE
        + (actionsOn
            ? " (rerun and cancel with the " + AdminToken.ENV + " token)"
            : " (read-only: set " + AdminToken.ENV + " for rerun and cancel)");
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
