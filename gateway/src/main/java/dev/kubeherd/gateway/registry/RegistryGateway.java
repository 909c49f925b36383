package dev.kubeherd.gateway.registry;

import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.gateway.BlockingResponder;
import dev.kubeherd.gateway.DeliveryBodies;
import dev.kubeherd.gateway.GatewayMetrics;
import dev.kubeherd.gateway.GatewayRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;

/**
 * The container-registry gateway's routes (Brigade v1's Docker Hub gateway): {@code POST
 * /events/webhook/:org}, {@code /:org/:repo} and {@code /:org/:repo/:commit}, with an optional
 * {@code ?commit=} (wins over the path's) and {@code ?token=}.
 *
 * <p><b>No authentication by default</b>, as in v1: anyone who can reach the gateway can start a
 * build of any project that has a {@code repository}. Set the project key {@code
 * kubeherd.registryGatewayToken} and add {@code ?token=} to the webhook URL to require a token.
 * Bodies over {@link #BODY_LIMIT} are refused with 413.
 */
public final class RegistryGateway implements GatewayRoutes {
  public static final String PATH = "/events/webhook";

  /** 10 MiB: registries' push notifications are a few KiB. */
  public static final long BODY_LIMIT = 10L * 1024 * 1024;

  private final RegistryReceiver receiver;
  private final BlockingResponder responder;

  public RegistryGateway(Vertx vertx, RegistryReceiver receiver, GatewayMetrics metrics) {
    this.receiver = receiver;
    this.responder = new BlockingResponder(vertx, metrics, "registry");
  }

  @Override
  public void mount(Router router) {
    router.post(PATH + "/*").handler(DeliveryBodies.handler(BODY_LIMIT));
    router.post(PATH + "/:org").handler(this::handle);
    router.post(PATH + "/:org/:repo").handler(this::handle);
    router.post(PATH + "/:org/:repo/:commit").handler(this::handle);
  }

  @Override
  public Optional<DeliveryLabels> labels(HttpServerRequest request) {
    return request.path().startsWith(PATH + "/")
        ? Optional.of(new DeliveryLabels("registry", RegistryEvents.TYPE))
        : Optional.empty();
  }

  @Override
  public String describe() {
    return "Container registry pushes at "
        + PATH
        + "/<org>[/<repo>[/<commit>]] (no authentication unless the project sets "
        + ProjectKeys.REGISTRY_GATEWAY_TOKEN
        + ")";
  }

  private void handle(RoutingContext ctx) {
    String org = ctx.pathParam("org");
    String repo = ctx.pathParam("repo");
    RegistryReceiver.Push push =
        new RegistryReceiver.Push(
            org,
            repo == null ? "" : repo,
            RegistryEvents.commitish(query(ctx, "commit"), ctx.pathParam("commit")),
            query(ctx, "token"),
            BlockingResponder.body(ctx));
    responder.respond(ctx, RegistryEvents.TYPE, () -> receiver.receive(push));
  }

  /** The first value of a query parameter, null when absent. */
  private static String query(RoutingContext ctx, String name) {
    List<String> values = ctx.queryParam(name);
    return values.isEmpty() ? null : values.get(0);
  }
}
