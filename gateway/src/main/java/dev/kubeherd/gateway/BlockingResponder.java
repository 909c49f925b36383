package dev.kubeherd.gateway;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request with a {@link JsonReply} computed on a worker thread (the computation may block
 * on the stores; the event loop never waits for it), counts it in {@link GatewayMetrics} and turns
 * an unexpected failure into a logged 500. Shared by the generic and container-registry gateways.
 */
public final class BlockingResponder {
  private static final Logger LOG = LoggerFactory.getLogger(BlockingResponder.class);

  /**
   * How long a sender waits at most: GitHub gives up on a delivery after 10 s, so a store that has
   * not confirmed by then (a hung disk, an API server that does not answer) gets a 503 just before,
   * which GitHub shows as failed with our reason, instead of a timeout.
   */
  public static final Duration ANSWER_DEADLINE = Duration.ofSeconds(9);

  /** The worker pool that computes the answers to deliveries, apart from Vert.x's own. */
  static final String WORKERS = "kubeherd-deliveries";

  /** Its size unless {@link #sizeWorkers} said otherwise: Vert.x's default worker pool size. */
  static final int DEFAULT_WORKERS = 20;

  private final Vertx vertx;
  private final WorkerExecutor workers;
  private final GatewayMetrics metrics;
  private final String gateway;
  private final Duration deadline;

  /**
   * @param gateway the {@code gateway} metric label, e.g. {@code generic}
   */
  public BlockingResponder(Vertx vertx, GatewayMetrics metrics, String gateway) {
    this(vertx, metrics, gateway, ANSWER_DEADLINE);
  }

  /**
   * @param deadline when to answer 503 if the work has not finished
   */
  public BlockingResponder(Vertx vertx, GatewayMetrics metrics, String gateway, Duration deadline) {
    this.vertx = vertx;
    this.workers = vertx.createSharedWorkerExecutor(WORKERS, DEFAULT_WORKERS);
    this.metrics = metrics;
    this.gateway = gateway;
    this.deadline = deadline;
  }

  /**
   * Sizes the pool the responders of {@code vertx} compute answers on; call it before the first
   * responder is made. A store whose intake returns at once (the local journal) wants a thread per
   * core: with Vert.x's 20, every delivery woke another sleeping thread, and those thread switches
   * cost more CPU than the work itself (P4). Intakes that wait for remote calls keep 20.
   *
   * @return the pool, to close with the server (Vert.x closes it with itself)
   */
  public static WorkerExecutor sizeWorkers(Vertx vertx, boolean holdsCallers) {
    int size =
        holdsCallers ? DEFAULT_WORKERS : Math.max(2, Runtime.getRuntime().availableProcessors());
    return vertx.createSharedWorkerExecutor(WORKERS, size);
  }

  /** The request body's bytes; empty when there is none. */
  public static byte[] body(RoutingContext ctx) {
    Buffer read = DeliveryBodies.of(ctx);
    Buffer buffer = read != null ? read : ctx.body().buffer();
    return buffer == null ? new byte[0] : buffer.getBytes();
  }

  /**
   * Runs {@code work} off the event loop and writes its reply.
   *
   * @param event the {@code event} metric label: one of a fixed few values, never sender input
   */
  public void respond(RoutingContext ctx, String event, Callable<JsonReply> work) {
    respondLater(ctx, event, () -> CompletableFuture.completedFuture(work.call()));
  }

  /**
   * Runs {@code work} off the event loop and writes its reply once the stage it returns completes
   * (on whatever thread completes it; the reply is written on the request's event loop).
   *
   * @param event the {@code event} metric label: one of a fixed few values, never sender input
   */
  public void respondLater(
      RoutingContext ctx, String event, Callable<CompletionStage<JsonReply>> work) {
    long start = System.nanoTime();
    Context context = vertx.getOrCreateContext();
    AtomicBoolean answered = new AtomicBoolean();
    long timer =
        vertx.setTimer(
            deadline.toMillis(),
            id -> {
              if (answered.compareAndSet(false, true)) {
                LOG.warn(
                    "{} delivery to {} not confirmed by the store within {} ms; answered 503 (if"
                        + " it is stored later, its redelivery is answered with the same builds)",
                    gateway,
                    LoggedPath.of(ctx.request().path()),
                    deadline.toMillis());
                answer(ctx, event, start, JsonReply.status(503, notConfirmed()));
              }
            });
    // The answer goes from the thread that completes the work (this pool's, or the store's own
    // writer) straight to the event loop. Chaining on executeBlocking's future instead would hop
    // to the event loop twice per delivery (P4). If the pool rejects the work (Vert.x is closing),
    // the deadline above answers.
    workers.executeBlocking(
        () -> {
          started(work)
              .whenComplete(
                  (reply, failure) ->
                      context.runOnContext(
                          v -> {
                            vertx.cancelTimer(timer);
                            if (answered.compareAndSet(false, true)) {
                              answer(
                                  ctx, event, start, reply != null ? reply : failed(ctx, failure));
                            }
                          }));
          return null;
        },
        false);
  }

  private static CompletionStage<JsonReply> started(Callable<CompletionStage<JsonReply>> work) {
    try {
      return work.call();
    } catch (Exception | Error e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private JsonReply failed(RoutingContext ctx, Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException wrapped && wrapped.getCause() != null
            ? wrapped.getCause()
            : failure;
    LOG.error("{} delivery to {} failed", gateway, LoggedPath.of(ctx.request().path()), cause);
    return JsonReply.status(500, "Internal error; the event may not have been stored, resend it");
  }

  private String notConfirmed() {
    return "The build store did not confirm the event within "
        + deadline.toMillis()
        + " ms; it may still be stored. Resend it once the store is back: a GitHub redelivery"
        + " (or a CloudEvent with the same id) that was stored is answered with its builds, not"
        + " run twice. Events without an id (SimpleEvents, registry pushes, GitHub deliveries"
        + " without X-GitHub-Delivery) cannot be told apart: check brig build list before"
        + " resending one, or it may run twice";
  }

  private void answer(RoutingContext ctx, String event, long start, JsonReply reply) {
    // counted before the answer, so whoever got the answer also sees it counted
    ctx.put(GatewayServer.COUNTED, true);
    metrics.delivery(gateway, event, reply.status(), Duration.ofNanos(System.nanoTime() - start));
    write(ctx, reply);
  }

  private static void write(RoutingContext ctx, JsonReply reply) {
    Object builds = reply.body().get("builds");
    if (builds != null) {
      ctx.put(GatewayServer.LOG_BUILDS, builds); // for the request log line
    }
    if (ctx.response().ended() || ctx.response().closed()) {
      return; // the client went away; the work is done and stored regardless
    }
    ctx.response()
        .setStatusCode(reply.status())
        .putHeader("Content-Type", "application/json")
        .end(Buffer.buffer(ReplyJson.encode(reply.body())));
  }
}
