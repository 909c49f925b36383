package dev.kubeherd.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.StoreUnavailableException;
import dev.kubeherd.core.port.DeliveryIntake.Accepted;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleFlightTest {
  private final SingleFlight flights = new SingleFlight();

  @Test
  void aSecondCallerWhileTheFirstIsStoringGetsItsBuildsAsADuplicateWithoutStartingWork()
      throws Exception {
    CompletableFuture<Accepted> storing = new CompletableFuture<>();
    AtomicInteger started = new AtomicInteger();

    CompletableFuture<Accepted> first =
        flights.run(
            "d-1",
            () -> {
              started.incrementAndGet();
              return storing;
            });
    CompletableFuture<Accepted> second =
        flights.run(
            "d-1",
            () -> {
              started.incrementAndGet();
              return CompletableFuture.completedFuture(new Accepted(List.of("other"), false));
            });

    assertThat(first).isNotDone();
    assertThat(second).as("the second caller is not blocked, it waits on a stage").isNotDone();
    storing.complete(new Accepted(List.of("b-1"), false));

    assertThat(first.join()).isEqualTo(new Accepted(List.of("b-1"), false));
    assertThat(second.join()).isEqualTo(new Accepted(List.of("b-1"), true));
    assertThat(started).hasValue(1);
  }

  @Test
  void aKeyIsFreeAgainOnceItsStageCompletes() throws Exception {
    CompletableFuture<Accepted> storing = new CompletableFuture<>();
    flights.run("d-1", () -> storing);
    storing.complete(new Accepted(List.of("b-1"), false));

    Accepted later =
        flights
            .run("d-1", () -> CompletableFuture.completedFuture(new Accepted(List.of("b-2"), true)))
            .join();

    assertThat(later.buildIds()).containsExactly("b-2"); // the work ran: it looks the record up
  }

  @Test
  void everyCallerOfAKeySeesTheFailureUnwrappedAndTheKeyCanBeRetried() throws Exception {
    CompletableFuture<Accepted> storing = new CompletableFuture<>();
    CompletableFuture<Accepted> first = flights.run("d-1", () -> storing);
    CompletableFuture<Accepted> second = flights.run("d-1", () -> storing);
    // a failure thrown by a stage chained inside the work arrives wrapped like this
    storing.completeExceptionally(new CompletionException(new StoreUnavailableException("full")));

    assertThatThrownBy(() -> SingleFlight.await(first))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessage("full");
    assertThatThrownBy(() -> SingleFlight.await(second))
        .isInstanceOf(StoreUnavailableException.class);
    Accepted retried =
        SingleFlight.await(
            flights.run(
                "d-1",
                () -> CompletableFuture.completedFuture(new Accepted(List.of("b-1"), false))));
    assertThat(retried.duplicate()).isFalse();
  }

  @Test
  void workThatThrowsBeforeReturningAStageFreesTheKey() throws Exception {
    assertThatThrownBy(
            () ->
                flights.run(
                    "d-1",
                    () -> {
                      throw new StoreUnavailableException("down");
                    }))
        .isInstanceOf(StoreUnavailableException.class);

    assertThat(
            flights
                .run(
                    "d-1",
                    () -> CompletableFuture.completedFuture(new Accepted(List.of("b"), false)))
                .join()
                .duplicate())
        .isFalse();
  }
}
