package dev.kubeherd.core.service;

import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.Deliveries;
import dev.kubeherd.core.port.DeliveryIntake;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link DeliveryIntake} over any {@link BuildStore} and {@link Deliveries}: store each build
 * (durable one by one), then record the delivery. Within this process concurrent callers with one
 * key are serialised (striped locks); across processes the {@link Deliveries} record decides, and
 * the loser of that race withdraws the builds it had just stored. When a build or the record cannot
 * be stored, the builds already stored are withdrawn ({@link BuildCleanup}: deleted, or stopped
 * when a worker started one meanwhile) before the failure is reported, so the redelivery the caller
 * asks for is the event's only run. A crash between the builds and the record leaves builds no
 * delivery points to; the redelivery then stores new ones.
 */
public final class RecordedIntake implements DeliveryIntake {
  private final BuildStore builds;
  private final Deliveries deliveries;
  private final SingleFlight flights = new SingleFlight();

  public RecordedIntake(BuildStore builds, Deliveries deliveries) {
    this.builds = builds;
    this.deliveries = deliveries;
  }

  @Override
  public Accepted accept(String key, Requests requests) throws InterruptedException {
    return SingleFlight.await(
        flights.run(key, () -> CompletableFuture.completedFuture(acceptNew(key, requests))));
  }

  private Accepted acceptNew(String key, Requests requests) throws InterruptedException {
    Optional<List<String>> earlier = deliveries.find(key);
    if (earlier.isPresent()) {
      return new Accepted(earlier.get(), true);
    }
    List<String> created = new ArrayList<>();
    List<String> recorded;
    try {
      for (BuildRequest request : requests.get()) {
        created.add(builds.create(request).id());
      }
      recorded = deliveries.record(key, created);
    } catch (RuntimeException e) {
      BuildCleanup.withdrawAfter(e, builds, created);
      throw e;
    }
    if (!recorded.equals(created)) {
      // another process recorded this key first: keep only its builds
      BuildCleanup.withdrawDuplicates(builds, created);
      return new Accepted(recorded, true);
    }
    return new Accepted(created, false);
  }

  @Override
  public List<String> acceptUnkeyed(List<BuildRequest> requests) {
    return BuildCleanup.storeAllOrNone(builds, requests);
  }
}
