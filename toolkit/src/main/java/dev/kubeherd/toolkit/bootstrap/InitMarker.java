package dev.kubeherd.toolkit.bootstrap;

import dev.kubeherd.toolkit.pipeline.KubeApiException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Optional;

/**
 * The record that bootstrap fired {@code init}: a ConfigMap {@value #NAME} in the bootstrap
 * namespace, created atomically (the API server lets one create win), so init is fired once even if
 * two bootstraps ever lead at the same time (a stalled leader whose Lease expired). A refused or
 * failed API call is a {@link KubeApiException} (exit 3) naming the marker.
 */
public final class InitMarker {
  public static final String NAME = "kubeherd-bootstrap-init";
  static final String BUILD = "build";

  private final KubernetesClient client;

  public InitMarker(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Claims the right to fire init in {@code namespace}.
   *
   * @return empty when this call claimed it, else the build ID recorded by the claim's holder
   *     ({@code ""} while that holder has not fired yet)
   */
  public Optional<String> claim(String namespace) {
    return KubeApiException.call(
        "claiming the init marker " + where(namespace), () -> tryClaim(namespace));
  }

  private Optional<String> tryClaim(String namespace) {
    ConfigMap marker =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(NAME)
            .withLabels(Map.of("app.kubernetes.io/part-of", "kubeherd"))
            .endMetadata()
            .withData(Map.of(BUILD, ""))
            .build();
    try {
      client.configMaps().inNamespace(namespace).resource(marker).create();
      return Optional.empty();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      ConfigMap held = client.configMaps().inNamespace(namespace).withName(NAME).get();
      return Optional.of(held == null || held.getData() == null ? "" : held.getData().get(BUILD));
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

  /** Gives the claim up (its init build failed or was deleted): the next bootstrap fires again. */
  public void release(String namespace) {
    KubeApiException.run(
        "releasing the init marker " + where(namespace),
        () -> client.configMaps().inNamespace(namespace).withName(NAME).delete());
  }

  private static String where(String namespace) {
    return "ConfigMap " + namespace + "/" + NAME;
  }
}
