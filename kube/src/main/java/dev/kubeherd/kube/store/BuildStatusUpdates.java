package dev.kubeherd.kube.store;

import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import dev.kubeherd.kube.brigade.KubeherdAnnotations;
import dev.kubeherd.kube.brigade.StatusAnnotations;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a build's status onto its build Secret for {@link SecretBuildStore}: the {@code
 * kubeherd.dev/*} status annotations, plus label {@code status=accepted} once the build has left
 * Pending, in one update locked on the resourceVersion the Secret was read with, so a concurrent
 * change makes it a 409 and the caller's retry re-reads. Also the status reads that need only the
 * Secret's labels and annotations, not a decodable build.
 */
final class BuildStatusUpdates {
  private final KubernetesClient client;
  private final String namespace;

  BuildStatusUpdates(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** Writes {@code status} onto {@code current}, under the resourceVersion read with it. */
  Secret lockedUpdate(Secret current, BuildStatus status) {
    Map<String, String> annotations =
        new HashMap<>(orEmpty(current.getMetadata().getAnnotations()));
    KubeherdAnnotations.BUILD_STATUS.forEach(annotations::remove);
    annotations.putAll(StatusAnnotations.write(status));
    Map<String, String> labels = new HashMap<>(orEmpty(current.getMetadata().getLabels()));
    if (status.phase() != BuildPhase.PENDING) {
      labels.put(BrigadeLabels.STATUS, BrigadeLabels.STATUS_ACCEPTED);
    }
    Secret changed =
        new SecretBuilder(current)
            .editMetadata()
            .withAnnotations(annotations)
            .withLabels(labels)
            .endMetadata()
            .build();
    // update() sends the resourceVersion read with `current`: a concurrent change makes it a 409.
    return client.secrets().inNamespace(namespace).resource(changed).update();
  }

  /**
   * {@link #lockedUpdate}, false when the Secret was deleted meanwhile. Any other failure, a 409 or
   * a lost answer among them, is thrown for the caller's retry to re-read the build.
   */
  boolean lockedUpdateUnlessDeleted(Secret current, BuildStatus status) {
    try {
      lockedUpdate(current, status);
      return true;
    } catch (KubernetesClientException e) {
      if (KubeRetry.isNotFound(e)) {
        return false; // deleted while we tried
      }
      throw e;
    }
  }

  /** Whether a controller (kubeherd's or v1's) has taken the build: label {@code status}. */
  static boolean isAccepted(Secret s) {
    return BrigadeLabels.STATUS_ACCEPTED.equals(
        orEmpty(s.getMetadata().getLabels()).get(BrigadeLabels.STATUS));
  }

  /**
   * The Failed status for a build that has not ended, from the Secret's annotations alone: its
   * worker, its start time when readable (else {@code at}), ended {@code at}. Empty when the phase
   * annotation says the build has ended; an unreadable phase counts as not ended.
   */
  static Optional<BuildStatus> failedUnlessEnded(
      Secret secret, int exitCode, Instant at, String message) {
    Map<String, String> annotations = orEmpty(secret.getMetadata().getAnnotations());
    if (hasEnded(annotations.get(KubeherdAnnotations.PHASE))) {
      return Optional.empty();
    }
    return Optional.of(
        new BuildStatus(
            BuildPhase.FAILED,
            annotations.getOrDefault(KubeherdAnnotations.WORKER, ""),
            LenientInstant.parse(annotations.get(KubeherdAnnotations.STARTED_AT))
                .or(() -> Optional.of(at)),
            Optional.of(at),
            Optional.of(exitCode),
            message));
  }

  private static boolean hasEnded(String phase) {
    if (phase == null) {
      return false; // pending, or accepted by a v1 controller: running
    }
    try {
      return StatusAnnotations.parsePhase(phase).isTerminal();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Map<String, String> orEmpty(Map<String, String> m) {
    return m == null ? Map.of() : m;
  }
}
