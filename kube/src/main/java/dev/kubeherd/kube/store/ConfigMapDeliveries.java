package dev.kubeherd.kube.store;

import dev.kubeherd.core.CorruptStateException;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.port.Deliveries;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import dev.kubeherd.kube.brigade.BuildSecrets;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Deliveries in Kubernetes mode: one ConfigMap per delivery, {@code kubeherd-delivery-<id>},
 * labelled {@code component=delivery}, holding the delivery ID and its build IDs. Creating it is
 * the claim: of concurrent gateways the API server lets exactly one create succeed.
 *
 * <p>A record lives as long as any build it names: the Secret of every one of them owns it
 * (Kubernetes deletes a dependent only when all its owners are gone) and it carries label {@code
 * build.kubeherd.dev/<id>=true} for each, so deleting the last of them through {@link
 * SecretBuildStore} deletes it at once ({@link BuildDeletion}). Deleting one build of a delivery
 * that created two ({@code pull_request} and {@code pull_request:opened}) keeps it, so a redelivery
 * is still a duplicate. A delivery that created no builds, or whose builds are already gone, is
 * recorded without an owner.
 */
public final class ConfigMapDeliveries implements Deliveries {
  static final String PREFIX = "kubeherd-delivery-";
  static final String DELIVERY_KEY = "delivery";
  static final String BUILDS_KEY = "builds";

  /** Prefix of the label {@code <prefix><build ID>=true} a record carries for each live build. */
  static final String BUILD_LABEL_PREFIX = "build.kubeherd.dev/";

  static final String NAMES_BUILD = "true";

  private final KubernetesClient client;
  private final String namespace;
  private final KubeRetry retry;
  private final BuildSecretLookup lookup;

  public ConfigMapDeliveries(KubernetesClient client, String namespace) {
    this(client, namespace, KubeRetry.standard());
  }

  public ConfigMapDeliveries(KubernetesClient client, String namespace, KubeRetry retry) {
    this.client = client;
    this.namespace = namespace;
    this.retry = retry;
    this.lookup = new BuildSecretLookup(client, namespace, retry);
  }

  @Override
  public Optional<List<String>> find(String deliveryId) {
    String name = name(deliveryId);
    ConfigMap cm =
        retry.call(
            "read delivery " + deliveryId,
            () -> client.configMaps().inNamespace(namespace).withName(name).get());
    return Optional.ofNullable(cm).map(c -> builds(c, name));
  }

  @Override
  public List<String> record(String deliveryId, List<String> buildIds) {
    List<String> ids = List.copyOf(buildIds);
    ConfigMap cm = newRecord(deliveryId, ids);
    boolean created =
        retry.call(
            "record delivery " + deliveryId,
            () -> {
              try {
                client.configMaps().inNamespace(namespace).resource(cm).create();
                return true;
              } catch (KubernetesClientException e) {
                if (KubeRetry.isConflict(e)) {
                  return false; // recorded first by another gateway (or by our lost response)
                }
                throw e;
              }
            });
    if (created) {
      return ids;
    }
    return find(deliveryId)
        .orElseThrow(
            () ->
                new CorruptStateException(
                    "delivery "
                        + deliveryId
                        + " was recorded by another gateway but its ConfigMap is gone; ask"
                        + " GitHub to redeliver it"));
  }

  private ConfigMap newRecord(String deliveryId, List<String> ids) {
    ConfigMapBuilder record =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(name(deliveryId))
            .addToLabels(BrigadeLabels.HERITAGE, BrigadeLabels.BRIGADE)
            .addToLabels(BrigadeLabels.COMPONENT, BrigadeLabels.COMPONENT_DELIVERY)
            .endMetadata()
            .addToData(DELIVERY_KEY, deliveryId)
            .addToData(BUILDS_KEY, String.join(",", ids));
    for (String id : ids) {
      lookup
          .find(id)
          .map(BuildSecrets::ownedBy)
          .filter(owner -> !owner.isEmpty())
          .ifPresent(
              owner ->
                  record
                      .editMetadata()
                      .addToLabels(buildLabel(id), NAMES_BUILD)
                      .addAllToOwnerReferences(owner)
                      .endMetadata());
    }
    return record.build();
  }

  /**
   * A valid object name: GitHub's delivery GUIDs are used as they are; anything else is
   * lower-cased, cleaned and suffixed with a hash so two IDs never share a name.
   */
  static String name(String deliveryId) {
    String clean = deliveryId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    if (clean.equals(deliveryId) && clean.length() <= 200 && !clean.endsWith("-")) {
      return PREFIX + clean;
    }
    String head = clean.length() > 100 ? clean.substring(0, 100) : clean;
    return PREFIX + head + "-" + ProjectIds.shortSha(deliveryId).substring(0, 12);
  }

  /** The label a record carries for each build it names whose Secret owns it. */
  static String buildLabel(String buildId) {
    return BUILD_LABEL_PREFIX + buildId;
  }

  /** The build IDs record {@code cm} names, or nothing when it has no {@value #BUILDS_KEY} key. */
  static Optional<List<String>> buildIds(ConfigMap cm) {
    String text = cm.getData() == null ? null : cm.getData().get(BUILDS_KEY);
    if (text == null) {
      return Optional.empty();
    }
    return Optional.of(text.isEmpty() ? List.of() : Arrays.asList(text.split(",")));
  }

  private static List<String> builds(ConfigMap cm, String name) {
    return buildIds(cm)
        .orElseThrow(
            () ->
                new CorruptStateException(
                    "delivery ConfigMap " + name + " has no " + BUILDS_KEY + " key; delete it"));
  }
}
