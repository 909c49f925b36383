package dev.kubeherd.kube.store;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates a Secret with {@link KubeRetry}, telling our own earlier write from someone else's: when
 * an attempt reached the API server but got no good answer (a timeout, a 5xx), the retry's 409
 * Conflict may be that very write. Then the stored Secret holds exactly our data and counts as
 * created, so a slow API server neither refuses a create nor makes a caller create twice.
 */
final class SecretCreate {
  private SecretCreate() {}

  /**
   * @return the created (or our already stored) Secret; empty when a different Secret of that name
   *     exists
   */
  static Optional<Secret> create(
      KubernetesClient client, String namespace, KubeRetry retry, String what, Secret secret) {
    AtomicInteger attempt = new AtomicInteger();
    return retry.call(
        what,
        () -> {
          boolean retried = attempt.incrementAndGet() > 1;
          try {
            return Optional.of(client.secrets().inNamespace(namespace).resource(secret).create());
          } catch (KubernetesClientException e) {
            if (!KubeRetry.isConflict(e)) {
              throw e;
            }
            return retried ? ours(client, namespace, secret) : Optional.<Secret>empty();
          }
        });
  }

  private static Optional<Secret> ours(KubernetesClient client, String namespace, Secret secret) {
    Secret stored =
        client.secrets().inNamespace(namespace).withName(secret.getMetadata().getName()).get();
    boolean same =
        stored != null
            && Objects.equals(stored.getData(), secret.getData())
            && Objects.equals(stored.getStringData(), secret.getStringData())
            && Objects.equals(stored.getType(), secret.getType());
    return same ? Optional.of(stored) : Optional.empty();
  }
}
