package dev.kubeherd.core.service;

import dev.kubeherd.core.port.DeliveryIntake.Accepted;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Runs the intake of one delivery key at a time within this process: a caller that arrives while
 * the same key is being stored waits for that answer and gets it as a duplicate, instead of storing
 * the delivery again. Different keys never wait for each other (a striped lock would make unrelated
 * deliveries queue behind one another's disk writes).
 */
public final class SingleFlight {
  private final ConcurrentHashMap<String, CompletableFuture<Accepted>> running =
      new ConcurrentHashMap<>();

  /** The work of one key. */
  @FunctionalInterface
  public interface Work {
    Accepted run() throws InterruptedException;
  }

  /** Runs {@code work} unless {@code key} is running already; then waits for that run. */
  public Accepted run(String key, Work work) throws InterruptedException {
    CompletableFuture<Accepted> mine = new CompletableFuture<>();
    CompletableFuture<Accepted> earlier = running.putIfAbsent(key, mine);
    if (earlier != null) {
      return new Accepted(await(earlier).buildIds(), true);
    }
    try {
      Accepted accepted = work.run();
      mine.complete(accepted);
      return accepted;
    } catch (Throwable t) {
      mine.completeExceptionally(t);
      throw t;
    } finally {
      running.remove(key, mine);
    }
  }

  private static Accepted await(CompletableFuture<Accepted> earlier) throws InterruptedException {
    try {
      return earlier.get();
    } catch (ExecutionException e) {
      // the same failure for every caller of the key (e.g. the store is down: 503 to all)
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      if (e.getCause() instanceof InterruptedException) {
        throw new IllegalStateException("the first delivery with this key was interrupted", e);
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
