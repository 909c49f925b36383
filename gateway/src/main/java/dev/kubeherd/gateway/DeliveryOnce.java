package dev.kubeherd.gateway;

import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.Deliveries;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stores the builds of an event at most once per delivery key: a key seen before is answered with
 * the builds it created then. Within this process concurrent callers with one key are serialised
 * (striped locks); across processes the {@link Deliveries} record decides, and the loser of that
 * race deletes the builds it had just stored. Blocking: call it off the event loop.
 */
public final class DeliveryOnce {
  private static final int LOCK_STRIPES = 64;

  private final BuildStore builds;
  private final Deliveries deliveries;
  private final Object[] locks = new Object[LOCK_STRIPES];

  public DeliveryOnce(BuildStore builds, Deliveries deliveries) {
    this.builds = builds;
    this.deliveries = deliveries;
    for (int i = 0; i < LOCK_STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  /** The build IDs that answer a delivery, and whether they were stored by an earlier one. */
  public record Stored(List<String> buildIds, boolean duplicate) {
    public Stored {
      buildIds = List.copyOf(buildIds);
    }
  }

  /**
   * Stores {@code requests} unless {@code key} was recorded already.
   *
   * @param key a delivery key that is a safe file and object name ({@code [a-z0-9-]})
   */
  public Stored store(String key, List<BuildRequest> requests) {
    synchronized (locks[Math.floorMod(key.hashCode(), LOCK_STRIPES)]) {
      Optional<List<String>> earlier = deliveries.find(key);
      if (earlier.isPresent()) {
        return new Stored(earlier.get(), true);
      }
      List<String> created = storeAll(requests);
      List<String> recorded = deliveries.record(key, created);
      if (!recorded.equals(created)) {
        // another process recorded this key first: keep only its builds
        created.forEach(builds::delete);
        return new Stored(recorded, true);
      }
      return new Stored(created, false);
    }
  }

  /** Stores every request, each durable before the next; returns their IDs in order. */
  public List<String> storeAll(List<BuildRequest> requests) {
    List<String> ids = new ArrayList<>();
    for (BuildRequest request : requests) {
      ids.add(builds.create(request).id());
    }
    return ids;
  }
}
