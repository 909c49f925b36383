package dev.kubeherd.gateway.github;

import dev.kubeherd.gateway.BlockingResponder;
import dev.kubeherd.gateway.DeliveryBodies;
import dev.kubeherd.gateway.GatewayMetrics;
import dev.kubeherd.gateway.GatewayRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;

/**
 * The GitHub App gateway's routes: {@code POST /events/github} and {@code POST
 * /events/github/:app/:inst} (parameters unused, as in v1). The raw body is handed to a {@link
 * GithubReceiver} on a worker thread, and its reply is written back as JSON once the receiver's
 * stage completes, so neither the event loop nor the worker waits for the disk. Bodies over
 * GitHub's 25 MB limit are refused with 413.
 */
public final class GithubGateway implements GatewayRoutes {
  public static final String PATH = "/events/github";
  public static final long BODY_LIMIT = 25L * 1024 * 1024;

  private final GithubReceiver receiver;
  private final BlockingResponder responder;
  private final Hmac hmac;

  public GithubGateway(Vertx vertx, GithubReceiver receiver, GatewayMetrics metrics) {
    this(vertx, receiver, metrics, BlockingResponder.ANSWER_DEADLINE);
  }

  /**
   * @param deadline when a delivery the store has not confirmed yet is answered 503
   */
  public GithubGateway(
      Vertx vertx, GithubReceiver receiver, GatewayMetrics metrics, Duration deadline) {
    this.receiver = receiver;
    this.responder = new BlockingResponder(vertx, metrics, "github", deadline);
    this.hmac = Hmac.system(); // a bad -Dkubeherd.hmac fails here, at startup
  }

  @Override
  public void mount(Router router) {
    router.post(PATH + "*").handler(DeliveryBodies.handler(BODY_LIMIT));
    router.post(PATH).handler(this::handle);
    router.post(PATH + "/:app/:inst").handler(this::handle);
  }

  @Override
  public String describe() {
    return "GitHub webhooks at " + PATH + " (HMACs by " + hmac.implementation() + ")";
  }

  private void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    GithubReceiver.Headers headers =
        new GithubReceiver.Headers(
            request.getHeader("X-GitHub-Event"),
            request.getHeader("X-GitHub-Delivery"),
            request.getHeader(GithubSignature.SHA256_HEADER),
            request.getHeader(GithubSignature.SHA1_HEADER),
            request.getHeader("Content-Type"));
    byte[] body = BlockingResponder.body(ctx);
    responder.respondLater(
        ctx, metricEvent(headers.event()), () -> receiver.receive(headers, body));
  }

  /**
   * Known event names as they are; anything else one label, so a sender cannot grow the metrics.
   */
  private static String metricEvent(String event) {
    if (event == null || event.isBlank()) {
      return "unknown";
    }
    return "ping".equals(event) || GithubEvents.isSupported(event) ? event : "other";
  }

  @Override
  public Optional<DeliveryLabels> labels(HttpServerRequest request) {
    if (!request.path().startsWith(PATH)) {
      return Optional.empty();
    }
    return Optional.of(
        new DeliveryLabels("github", metricEvent(request.getHeader("X-GitHub-Event"))));
  }
}
