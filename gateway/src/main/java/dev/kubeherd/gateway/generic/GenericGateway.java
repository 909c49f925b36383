package dev.kubeherd.gateway.generic;

import dev.kubeherd.gateway.BlockingResponder;
import dev.kubeherd.gateway.DeliveryBodies;
import dev.kubeherd.gateway.GatewayMetrics;
import dev.kubeherd.gateway.GatewayRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The generic gateway's routes (Brigade v1's, plus CloudEvents 1.0): {@code POST
 * /simpleevents/v1/:projectID/:secret}, {@code POST /cloudevents/v02/:projectID/:secret} and {@code
 * POST /cloudevents/v1/:projectID/:secret}. The path holds the project's secret, so the request log
 * masks it ({@link dev.kubeherd.gateway.LoggedPath}). Bodies over {@link #BODY_LIMIT} are refused
 * with 413. The work runs in a {@link GenericReceiver} on a worker thread.
 */
public final class GenericGateway implements GatewayRoutes {
  public static final String SIMPLE_PATH = "/simpleevents/v1";

  /** 10 MiB: far above any event a script needs, low enough that a sender cannot fill memory. */
  public static final long BODY_LIMIT = 10L * 1024 * 1024;

  private final GenericReceiver receiver;
  private final BlockingResponder responder;

  public GenericGateway(Vertx vertx, GenericReceiver receiver, GatewayMetrics metrics) {
    this.receiver = receiver;
    this.responder = new BlockingResponder(vertx, metrics, "generic");
  }

  @Override
  public void mount(Router router) {
    for (String prefix : new String[] {"/simpleevents/*", "/cloudevents/*"}) {
      router.post(prefix).handler(DeliveryBodies.handler(BODY_LIMIT));
    }
    router.post(SIMPLE_PATH + "/:projectID/:secret").handler(this::simpleEvent);
    for (CloudEventVersion version : CloudEventVersion.values()) {
      router.post(version.path() + "/:projectID/:secret").handler(ctx -> cloudEvent(ctx, version));
    }
  }

  @Override
  public Optional<DeliveryLabels> labels(HttpServerRequest request) {
    String path = request.path();
    if (path.startsWith("/simpleevents/")) {
      return Optional.of(new DeliveryLabels("generic", SimpleEvents.TYPE));
    }
    if (path.startsWith("/cloudevents/")) {
      return Optional.of(new DeliveryLabels("generic", CloudEvents.TYPE));
    }
    return Optional.empty();
  }

  @Override
  public String describe() {
    return "Generic events at "
        + SIMPLE_PATH
        + ", "
        + CloudEventVersion.V02.path()
        + " and "
        + CloudEventVersion.V1.path()
        + ", each followed by /<project>/<genericGatewaySecret>";
  }

  private void simpleEvent(RoutingContext ctx) {
    String project = ctx.pathParam("projectID");
    String secret = ctx.pathParam("secret");
    byte[] body = BlockingResponder.body(ctx);
    responder.respond(ctx, SimpleEvents.TYPE, () -> receiver.simpleEvent(project, secret, body));
  }

  private void cloudEvent(RoutingContext ctx, CloudEventVersion version) {
    String project = ctx.pathParam("projectID");
    String secret = ctx.pathParam("secret");
    HttpServerRequest request = ctx.request();
    CloudEventRequest event =
        new CloudEventRequest(
            request.getHeader("Content-Type"), ceHeaders(request), BlockingResponder.body(ctx));
    responder.respond(
        ctx, CloudEvents.TYPE, () -> receiver.cloudEvent(version, project, secret, event));
  }

  private static Map<String, String> ceHeaders(HttpServerRequest request) {
    Map<String, String> headers = new HashMap<>();
    request
        .headers()
        .forEach(
            h -> {
              String name = h.getKey().toLowerCase(Locale.ROOT);
              if (name.startsWith("ce-")) {
                headers.putIfAbsent(name, h.getValue());
              }
            });
    return headers;
  }
}
