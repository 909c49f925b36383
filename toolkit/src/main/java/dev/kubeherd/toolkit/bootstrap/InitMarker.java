package dev.kubeherd.toolkit.bootstrap;

import dev.kubeherd.toolkit.pipeline.KubeApiException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * The record that bootstrap fired {@code init}: a ConfigMap {@value #NAME} in the bootstrap
 * namespace, created atomically (the API server lets one create win), so init is fired once even if
 * two bootstraps ever lead at the same time (a stalled leader whose Lease expired). The claim holds
 * the time it was made ({@value #CLAIMED_AT}) and, once fired, the build ID ({@value #BUILD}).
 * Every later change is an update locked to the resourceVersion of the claim as it was read or
 * made, so it applies only if nobody changed the marker since: a bootstrap recording its build
 * cannot overwrite a claim another made meanwhile, and one giving up a claim it read cannot remove
 * a newer one. Given up, the marker stays with {@value #RELEASED} set, and the next claim takes it
 * over with the same lock. A refused or failed API call is a {@link KubeApiException} (exit 3)
 * naming the marker.
 */
public final class InitMarker {
  public static final String NAME = "kubeherd-bootstrap-init";
  static final String BUILD = "build";
  static final String CLAIMED_AT = "claimedAt";
  static final String RELEASED = "released";

  private final KubernetesClient client;
  private final Clock clock;

  public InitMarker(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /**
   * A claim as read or made.
   *
   * @param build the build ID it recorded, {@code ""} while it has not fired (or died firing)
   * @param claimedAt when it claimed, by its claimer's clock; empty when the marker does not say
   * @param resourceVersion of the marker as read: a change to it must find it unchanged
   */
  public record Holder(String build, Optional<Instant> claimedAt, String resourceVersion) {
    public boolean recorded() {
      return !build.isEmpty();
    }
  }

  /**
   * The outcome of {@link #claim}.
   *
   * @param ours true when this call made the claim, false when {@code holder} is another's
   */
  public record Claim(Holder holder, boolean ours) {}

  /**
   * Claims the right to fire init in {@code namespace}: creates the marker, or takes over one given
   * up.
   */
  public Claim claim(String namespace) {
    return KubeApiException.call(
        "claiming the init marker " + where(namespace), () -> tryClaim(namespace));
  }

  private Claim tryClaim(String namespace) {
    while (true) {
      ConfigMap fresh = fresh();
      try {
        return new Claim(holder(markers(namespace).resource(fresh).create()), true);
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
      }
      ConfigMap held = markers(namespace).withName(NAME).get();
      if (held != null && !isReleased(held)) {
        return new Claim(holder(held), false);
      }
      if (held != null) {
        fresh.getMetadata().setResourceVersion(held.getMetadata().getResourceVersion());
        Optional<ConfigMap> taken = lockedUpdate(namespace, fresh);
        if (taken.isPresent()) {
          return new Claim(holder(taken.get()), true);
        }
      }
      // deleted or changed since it was read: look again
    }
  }

  private ConfigMap fresh() {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withLabels(Map.of("app.kubernetes.io/part-of", "kubeherd"))
        .endMetadata()
        .withData(Map.of(BUILD, "", CLAIMED_AT, clock.instant().toString()))
        .build();
  }

  private static boolean isReleased(ConfigMap m) {
    return m.getData() != null && m.getData().containsKey(RELEASED);
  }

  private static Holder holder(ConfigMap held) {
    Map<String, String> data = held.getData() == null ? Map.of() : held.getData();
    String build = data.getOrDefault(BUILD, "");
    String at = data.getOrDefault(CLAIMED_AT, held.getMetadata().getCreationTimestamp());
    return new Holder(
        build == null ? "" : build, instant(at), held.getMetadata().getResourceVersion());
  }

  private static Optional<Instant> instant(String at) {
    try {
      return at == null || at.isBlank() ? Optional.empty() : Optional.of(Instant.parse(at));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * Records the fired build on this bootstrap's claim.
   *
   * @throws InitClaimLostException when the marker changed since {@code ours} was made: another
   *     bootstrap took the claim for abandoned and fired init too
   */
  public void record(String namespace, Holder ours, String buildId) {
    String doing = "recording build " + buildId + " on the init marker " + where(namespace);
    boolean recorded =
        KubeApiException.call(
            doing,
            () ->
                lockedUpdate(namespace, marker(ours, Map.of(BUILD, buildId, CLAIMED_AT, at(ours))))
                    .isPresent());
    if (!recorded) {
      throw new InitClaimLostException(where(namespace), buildId);
    }
  }

  /**
   * Gives the claim {@code held} up (its init build failed or is gone, firing failed, or its holder
   * died), so that the next bootstrap fires again; nothing happens when the marker changed since
   * {@code held} was read (its holder recorded a build, or another bootstrap claimed anew).
   *
   * @return whether it was given up
   */
  public boolean release(String namespace, Holder held) {
    return KubeApiException.call(
        "releasing the init marker " + where(namespace),
        () ->
            lockedUpdate(
                    namespace,
                    marker(held, Map.of(BUILD, "", RELEASED, clock.instant().toString())))
                .isPresent());
  }

  private static String at(Holder h) {
    return h.claimedAt().map(Instant::toString).orElse("");
  }

  private static ConfigMap marker(Holder basis, Map<String, String> data) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withLabels(Map.of("app.kubernetes.io/part-of", "kubeherd"))
        .withResourceVersion(basis.resourceVersion())
        .endMetadata()
        .withData(data)
        .build();
  }

  /** The update, if the marker still has the resourceVersion {@code m} carries; empty if not. */
  private Optional<ConfigMap> lockedUpdate(String namespace, ConfigMap m) {
    try {
      return Optional.of(markers(namespace).resource(m).update());
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT
          || e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private NonNamespaceOperation<ConfigMap, ConfigMapList, Resource<ConfigMap>> markers(
      String namespace) {
    return client.configMaps().inNamespace(namespace);
  }

  /** {@code ConfigMap NS/kubeherd-bootstrap-init}, for messages. */
  public static String where(String namespace) {
    return "ConfigMap " + namespace + "/" + NAME;
  }
}
