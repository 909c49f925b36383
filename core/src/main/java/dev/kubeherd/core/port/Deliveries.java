package dev.kubeherd.core.port;

import java.util.List;
import java.util.Optional;

/**
 * Webhook deliveries already accepted (GitHub's {@code X-GitHub-Delivery}) and the builds each one
 * created, so a redelivered event is answered with the same builds instead of running twice.
 * Adapters: {@code DirectoryDeliveries} (local) and {@code ConfigMapDeliveries} (Kubernetes).
 */
public interface Deliveries {

  /** The build IDs recorded for {@code deliveryId}, or empty when it was never recorded. */
  Optional<List<String>> find(String deliveryId);

  /**
   * Records that {@code deliveryId} created {@code buildIds}, durably, unless it is recorded
   * already. Of concurrent callers (in any number of processes) exactly one wins.
   *
   * @return the build IDs now recorded: {@code buildIds} when this call won, else the earlier ones
   */
  List<String> record(String deliveryId, List<String> buildIds);
}
