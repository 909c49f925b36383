package dev.kubeherd.gateway.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.port.DeliveryIntake;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store that never confirms (a hung disk or API server) still gets the sender an answer before
 * GitHub's 10 s limit: 503 with the reason, so the delivery shows failed and can be redelivered.
 */
class GithubGatewayDeadlineTest {
  private static final String SECRET = "s3cret";
  private static final byte[] PUSH =
      ("{\"ref\":\"refs/heads/main\",\"deleted\":false,\"head_commit\":{\"id\":\"c0ffee\"},"
              + "\"repository\":{\"full_name\":\"Acme/Rocket\"}}")
          .getBytes(StandardCharsets.UTF_8);

  /** Answers each delivery with the next of {@link #answers}; an incomplete one hangs it. */
  private static final class HungIntake implements DeliveryIntake {
    final Deque<CompletableFuture<Accepted>> answers = new ConcurrentLinkedDeque<>();

    @Override
    public Accepted accept(String key, Requests requests) {
      throw new AssertionError("the gateway uses acceptAsync");
    }

    @Override
    public CompletionStage<Accepted> acceptAsync(String key, Requests requests) {
      CompletableFuture<Accepted> next = answers.poll();
      return next == null ? new CompletableFuture<>() : next;
    }

    @Override
    public List<String> acceptUnkeyed(List<BuildRequest> requests) {
      throw new AssertionError("every test delivery has a key");
    }
  }

  @TempDir Path tmp;

  private final HungIntake hung = new HungIntake();
  private LoopbackGateway gateway;

  @BeforeEach
  void start() throws Exception {
    gateway = LoopbackGateway.start(tmp, (h, b, d) -> hung, Duration.ofMillis(300));
    gateway.project("Acme/Rocket", SECRET);
  }

  @AfterEach
  void stop() throws Exception {
    gateway.close();
  }

  @Test
  void aDeliveryTheStoreDoesNotConfirmIsAnswered503AtTheDeadline() throws Exception {
    long start = System.nanoTime();

    HttpResponse<String> answer =
        gateway
            .postAsync("push", "d-1", PUSH, GithubSignature.sign256(PUSH, SECRET))
            .get(10, TimeUnit.SECONDS);

    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.body()).contains("did not confirm").contains("300 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void aConfirmationAfterTheDeadlineIsNotASecondAnswer() throws Exception {
    CompletableFuture<DeliveryIntake.Accepted> late = new CompletableFuture<>();
    hung.answers.add(late);
    hung.answers.add(
        CompletableFuture.completedFuture(
            new DeliveryIntake.Accepted(List.of("second-build"), false)));
    HttpResponse<String> answer =
        gateway
            .postAsync("push", "d-1", PUSH, GithubSignature.sign256(PUSH, SECRET))
            .get(10, TimeUnit.SECONDS);
    late.complete(new DeliveryIntake.Accepted(List.of("late-build"), false));

    HttpResponse<String> next =
        gateway
            .postAsync("push", "d-2", PUSH, GithubSignature.sign256(PUSH, SECRET))
            .get(10, TimeUnit.SECONDS);

    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(next.statusCode()).as("the server still answers").isEqualTo(200);
    // a second answer to d-1 on the kept-alive connection would be read as d-2's
    assertThat(next.body()).contains("second-build").doesNotContain("late-build");
  }
}
