package dev.kubeherd.toolkit.bootstrap;

import dev.kubeherd.toolkit.pipeline.KubeApiException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * The record that bootstrap fired {@code init}: a ConfigMap {@value #NAME} in the bootstrap
 * namespace, created atomically (the API server lets one create win), so init is fired once even if
 * two bootstraps ever lead at the same time (a stalled leader whose Lease expired). The claim holds
 * the time it was made ({@value #CLAIMED_AT}) and, once fired, the build ID ({@value #BUILD}). A
 * refused or failed API call is a {@link KubeApiException} (exit 3) naming the marker.
 */
public final class InitMarker {
  public static final String NAME = "kubeherd-bootstrap-init";
  static final String BUILD = "build";
  static final String CLAIMED_AT = "claimedAt";

  private final KubernetesClient client;
  private final Clock clock;

  public InitMarker(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /**
   * Another bootstrap's claim.
   *
   * @param build the build ID it recorded, {@code ""} while it has not fired (or died firing)
   * @param claimedAt when it claimed; empty when the marker does not say
   */
  public record Holder(String build, Optional<Instant> claimedAt) {
    public boolean recorded() {
      return !build.isEmpty();
    }

    /**
     * True when the claim recorded no build within {@code timeout}: its bootstrap died while
     * firing. A claim of unknown age that recorded nothing counts as abandoned.
     */
    public boolean abandoned(Instant now, Duration timeout) {
      return !recorded() && claimedAt.map(t -> !now.isBefore(t.plus(timeout))).orElse(true);
    }
  }

  /**
   * Claims the right to fire init in {@code namespace}.
   *
   * @return empty when this call claimed it, else the claim's holder
   */
  public Optional<Holder> claim(String namespace) {
    return KubeApiException.call(
        "claiming the init marker " + where(namespace), () -> tryClaim(namespace));
  }

  private Optional<Holder> tryClaim(String namespace) {
    ConfigMap marker =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(NAME)
            .withLabels(Map.of("app.kubernetes.io/part-of", "kubeherd"))
            .endMetadata()
            .withData(Map.of(BUILD, "", CLAIMED_AT, clock.instant().toString()))
            .build();
    try {
      client.configMaps().inNamespace(namespace).resource(marker).create();
      return Optional.empty();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      ConfigMap held = client.configMaps().inNamespace(namespace).withName(NAME).get();
      return Optional.of(
          held == null ? new Holder("", Optional.of(clock.instant())) : holder(held));
    }
  }

  private static Holder holder(ConfigMap held) {
    Map<String, String> data = held.getData() == null ? Map.of() : held.getData();
    String build = data.getOrDefault(BUILD, "");
    String at = data.getOrDefault(CLAIMED_AT, held.getMetadata().getCreationTimestamp());
    return new Holder(build == null ? "" : build, instant(at));
  }

  private static Optional<Instant> instant(String at) {
    try {
      return at == null || at.isBlank() ? Optional.empty() : Optional.of(Instant.parse(at));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Records the fired build on the claim. */
  public void record(String namespace, String buildId) {
    KubeApiException.run(
        "recording build " + buildId + " on the init marker " + where(namespace),
        () -> edit(namespace, buildId));
  }

  private void edit(String namespace, String buildId) {
    client
        .configMaps()
        .inNamespace(namespace)
        .withName(NAME)
        .edit(c -> new ConfigMapBuilder(c).addToData(BUILD, buildId).build());
  }

  /**
   * Gives the claim up (its init build failed or is gone, firing failed, or its holder died): the
   * next bootstrap fires again.
   */
  public void release(String namespace) {
    KubeApiException.run(
        "releasing the init marker " + where(namespace),
        () -> client.configMaps().inNamespace(namespace).withName(NAME).delete());
  }

  /** {@code ConfigMap NS/kubeherd-bootstrap-init}, for messages. */
  public static String where(String namespace) {
    return "ConfigMap " + namespace + "/" + NAME;
  }
}
