package dev.kubeherd.core.service;

import dev.kubeherd.core.port.DeliveryIntake.Accepted;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Runs the intake of one delivery key at a time within this process: a caller that arrives while
 * the same key is being stored gets that answer as a duplicate, instead of storing the delivery
 * again. Different keys never wait for each other (a striped lock would make unrelated deliveries
 * queue behind one another's disk writes). A key counts as running until the stage its work
 * returned completes, so work may finish on another thread (the journal's writer).
 */
public final class SingleFlight {
  private final ConcurrentHashMap<String, CompletableFuture<Accepted>> running =
      new ConcurrentHashMap<>();

  /** The work of one key: starts storing and returns what completes once it is stored. */
  @FunctionalInterface
  public interface Work {
    CompletionStage<Accepted> start() throws InterruptedException;
  }

  /**
   * Starts {@code work} unless {@code key} is running already; then answers with that run's builds,
   * as a duplicate, once it completes.
   */
  public CompletableFuture<Accepted> run(String key, Work work) throws InterruptedException {
    CompletableFuture<Accepted> mine = new CompletableFuture<>();
    CompletableFuture<Accepted> earlier = running.putIfAbsent(key, mine);
    if (earlier != null) {
      return earlier.thenApply(first -> new Accepted(first.buildIds(), true));
    }
    CompletionStage<Accepted> stage;
    try {
      stage = work.start();
    } catch (Throwable t) {
      finish(key, mine, null, t);
      throw t;
    }
    stage.whenComplete((accepted, failure) -> finish(key, mine, accepted, failure));
    return mine;
  }

  /** Gone from the running keys before callers hear of it: a later caller finds the record. */
  private void finish(
      String key, CompletableFuture<Accepted> mine, Accepted accepted, Throwable failure) {
    running.remove(key, mine);
    if (failure instanceof CompletionException wrapped && wrapped.getCause() != null) {
      failure = wrapped.getCause(); // thrown by a stage chained inside the work
    }
    if (failure == null) {
      mine.complete(accepted);
    } else {
      // the same failure for every caller of the key (e.g. the store is down: 503 to all)
      mine.completeExceptionally(failure);
    }
  }

  /**
   * Waits for an intake's answer, rethrowing its failure as it was thrown (not wrapped).
   *
   * @throws InterruptedException when this thread is interrupted while waiting
   */
  public static Accepted await(CompletionStage<Accepted> answer) throws InterruptedException {
    try {
      return answer.toCompletableFuture().get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      if (cause instanceof InterruptedException) {
        throw new IllegalStateException("the first delivery with this key was interrupted", e);
      }
      throw new IllegalStateException(cause);
    }
  }
}
