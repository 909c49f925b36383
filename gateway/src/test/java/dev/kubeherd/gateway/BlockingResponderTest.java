package dev.kubeherd.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.ext.web.handler.BodyHandler;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a responder answers: the work's reply, its failure, or the deadline, and only once. */
class BlockingResponderTest {
  private static final Duration DEADLINE = Duration.ofMillis(500);

  private final ScheduledExecutorService store = Executors.newSingleThreadScheduledExecutor();
  private final AtomicReference<Callable<CompletionStage<JsonReply>>> work =
      new AtomicReference<>();
  private Loopback loopback;

  @AfterEach
  void close() throws Exception {
    store.shutdownNow();
    if (loopback != null) {
      loopback.close();
    }
  }

  @Test
  void aReplyCompletedOnAnotherThreadIsWrittenWithItsStatusAndBody() throws Exception {
    start();
    work.set(() -> later(new JsonReply(202, Map.of("status", "queued")), Duration.ofMillis(50)));

    HttpResponse<String> response = loopback.post("/work", "{}");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).isEqualTo("{\"status\":\"queued\"}");
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
  }

  @Test
  void workThatThrowsOrFailsLaterIsA500ThatIsLoggedWithItsCause() throws Exception {
    start();
    try (LogCapture log = new LogCapture()) {
      work.set(
          () -> {
            throw new IllegalStateException("thrown at once");
          });
      HttpResponse<String> thrown = loopback.post("/work", "{}");
      work.set(
          () -> {
            CompletableFuture<JsonReply> failing = new CompletableFuture<>();
            store.schedule(
                () -> failing.completeExceptionally(new IllegalStateException("failed later")),
                50,
                TimeUnit.MILLISECONDS);
            return failing;
          });
      HttpResponse<String> failedLater = loopback.post("/work", "{}");

      assertThat(List.of(thrown.statusCode(), failedLater.statusCode())).containsOnly(500);
      assertThat(failedLater.body()).contains("Internal error").contains("resend it");
      String text = log.await(t -> t.contains("failed later"), Duration.ofSeconds(5));
      assertThat(text).contains("thrown at once").contains("failed later");
    }
  }

  @Test
  void workNotDoneByTheDeadlineIsA503AndItsLateReplyIsNotWrittenAgain() throws Exception {
    start();
    work.set(() -> later(JsonReply.status(200, "too late"), DEADLINE.multipliedBy(2)));

    HttpResponse<String> response = loopback.post("/work", "{}");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("did not confirm the event within 500 ms");
    Thread.sleep(DEADLINE.multipliedBy(3).toMillis()); // the late reply arrives meanwhile
    work.set(() -> CompletableFuture.completedFuture(JsonReply.status(200, "next")));
    assertThat(loopback.post("/work", "{}").body()).contains("next"); // the server still answers
  }

  private void start() throws Exception {
    loopback =
        new Loopback(
            l ->
                List.of(
                    new GatewayRoutes() {
                      final BlockingResponder responder =
                          new BlockingResponder(l.vertx(), l.metrics(), "test", DEADLINE);

                      @Override
                      public void mount(io.vertx.ext.web.Router router) {
                        router
                            .post("/work")
                            .handler(BodyHandler.create())
                            .handler(ctx -> responder.respondLater(ctx, "push", work.get()));
                      }

                      @Override
                      public String describe() {
                        return "POST /work";
                      }
                    }));
  }

  private CompletionStage<JsonReply> later(JsonReply reply, Duration after) {
    CompletableFuture<JsonReply> done = new CompletableFuture<>();
    store.schedule(() -> done.complete(reply), after.toMillis(), TimeUnit.MILLISECONDS);
    return done;
  }
}
