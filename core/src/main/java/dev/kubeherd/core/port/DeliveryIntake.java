package dev.kubeherd.core.port;

import dev.kubeherd.core.model.BuildRequest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Turns one webhook delivery into stored builds, at most once per delivery key: a key seen before
 * is answered with the builds it created then, and nothing new is stored. When {@link #accept}
 * returns, the builds and the delivery record are durable (a crash cannot lose them, or keep one
 * without the other). Adapters: {@code RecordedIntake} (any {@link BuildStore} with {@link
 * Deliveries}: Kubernetes mode) and {@code JournaledIntake} (the local store, group-committed).
 * Blocking: call it off the event loop.
 */
public interface DeliveryIntake {

  /**
   * Stores the builds {@code requests} yields unless {@code key} was accepted before; {@code
   * requests} is only asked for when the key is new (it may call remote APIs).
   *
   * @param key a delivery key that is a safe file and object name ({@code [A-Za-z0-9_-]})
   */
  Accepted accept(String key, Requests requests) throws InterruptedException;

  /**
   * {@link #accept} without waiting for the durable write: looks the key up and asks {@code
   * requests} on the calling thread (so still off the event loop), then returns what completes once
   * the builds and the record are durable, with the same answer or failure {@link #accept} would
   * give. It may complete on the store's own writer thread: chain only short, non-blocking work to
   * it. By default the stage is complete when this returns.
   */
  default CompletionStage<Accepted> acceptAsync(String key, Requests requests)
      throws InterruptedException {
    return CompletableFuture.completedFuture(accept(key, requests));
  }

  /**
   * Whether {@link #acceptAsync} may hold its calling thread for long (a remote API call per
   * build): callers then need many threads to keep many deliveries in flight. False for a store
   * that only hands the delivery to its own writer, where a thread per core is enough and more only
   * cost thread switches.
   */
  default boolean holdsCallers() {
    return true;
  }

  /** Stores builds that have no delivery key (nothing to deduplicate on), each durably. */
  List<String> acceptUnkeyed(List<BuildRequest> requests);

  /** The builds of one delivery, computed only when they are going to be stored. */
  @FunctionalInterface
  interface Requests {
    List<BuildRequest> get() throws InterruptedException;

    /**
     * Bytes that decode, as UTF-8, to {@code payload}, when the caller has them at hand (a gateway
     * that decoded the payload from the request body): an intake that stores bytes takes them
     * instead of encoding the payload again. Empty by default.
     */
    default Optional<byte[]> utf8(String payload) {
      return Optional.empty();
    }
  }

  /** The build IDs that answer a delivery, and whether an earlier delivery stored them. */
  record Accepted(List<String> buildIds, boolean duplicate) {
    public Accepted {
      buildIds = List.copyOf(buildIds);
    }
  }
}
