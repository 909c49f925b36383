package dev.kubeherd.kube.store;

import dev.kubeherd.core.StoreUnavailableException;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.net.HttpURLConnection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes everything of one build, as v1's {@code brig build delete --force} and vacuum do: pods
 * and Secrets labelled {@code heritage=brigade, build=<id>} whose {@code component} is {@code
 * build} or {@code job} (v1 used the set-based selector {@code component in (build, job)}; it is
 * applied here to the listed objects, which also works against the fabric8 mock server), plus our
 * log ConfigMaps and the delivery records that name no other build still stored ({@link
 * ConfigMapDeliveries}: a record naming two builds outlives the first one deleted, so a redelivery
 * stays a duplicate). The build Secret and the worker pod, both named after the build Secret, are
 * also deleted by name, for custom producers that do not label {@code heritage=brigade}. Grace
 * period 0.
 *
 * <p>Unlike v1, the build's storage PVC ({@code component=buildStorage}) goes too: its worker
 * releases it when the build ends, but a worker killed (OOM, node loss, deleted pod) or a failed
 * release leaves it behind (contract §9: always release build storage). Job cache PVCs are per
 * project and never deleted. Without RBAC for PVCs the rest is still deleted, with one warning.
 */
final class BuildDeletion {
  private static final Logger LOG = LoggerFactory.getLogger(BuildDeletion.class);
  private static final Set<String> BUILD_AND_JOBS =
      Set.of(BrigadeLabels.COMPONENT_BUILD, BrigadeLabels.COMPONENT_JOB);
  private static final Set<String> STORAGE = Set.of(BrigadeLabels.COMPONENT_BUILD_STORAGE);

  private final KubernetesClient client;
  private final String namespace;
  private final KubeRetry retry;
  private final BuildSecretLookup lookup;
  private final AtomicBoolean storageForbiddenReported = new AtomicBoolean();

  BuildDeletion(KubernetesClient client, String namespace, KubeRetry retry) {
    this.client = client;
    this.namespace = namespace;
    this.retry = retry;
    this.lookup = new BuildSecretLookup(client, namespace, retry);
  }

  void delete(String buildId, String buildSecretName) {
    Map<String, String> selector = BrigadeLabels.buildObjectsSelector(buildId);
    deleteSelected(
        "pods of build " + buildId,
        () -> client.pods().inNamespace(namespace).withLabels(selector).list().getItems(),
        BUILD_AND_JOBS,
        this::deletePod);
    deleteStorage(buildId, selector);
    deleteLogsAndDeliveryRecords(buildId, selector);
    deleteSelected(
        "Secrets of build " + buildId,
        () -> client.secrets().inNamespace(namespace).withLabels(selector).list().getItems(),
        BUILD_AND_JOBS,
        this::deleteSecret);
    deletePod(buildSecretName);
    deleteSecret(buildSecretName);
  }

  /**
   * Log ConfigMaps go; a delivery record (labelled {@code build.kubeherd.dev/<id>}, or {@code
   * build=<id>} when an older version wrote it) only once no other build it names is stored.
   */
  private void deleteLogsAndDeliveryRecords(String buildId, Map<String, String> selector) {
    Map<String, ConfigMap> records = new LinkedHashMap<>();
    for (ConfigMap cm :
        retry.call(
            "list the log ConfigMaps of build " + buildId,
            () -> configMaps().withLabels(selector).list().getItems())) {
      String component = component(cm);
      if (component.equals(BrigadeLabels.COMPONENT_LOG)) {
        deleteConfigMap(cm.getMetadata().getName());
      } else if (component.equals(BrigadeLabels.COMPONENT_DELIVERY)) {
        records.put(cm.getMetadata().getName(), cm);
      }
    }
    for (ConfigMap cm :
        retry.call(
            "list the delivery records of build " + buildId,
            () ->
                configMaps()
                    .withLabel(BrigadeLabels.HERITAGE, BrigadeLabels.BRIGADE)
                    .withLabel(BrigadeLabels.COMPONENT, BrigadeLabels.COMPONENT_DELIVERY)
                    .withLabel(
                        ConfigMapDeliveries.buildLabel(buildId), ConfigMapDeliveries.NAMES_BUILD)
                    .list()
                    .getItems())) {
      records.put(cm.getMetadata().getName(), cm);
    }
    for (ConfigMap record : records.values()) {
      if (namesNoOtherStoredBuild(record, buildId)) {
        deleteConfigMap(record.getMetadata().getName());
      }
    }
  }

  private boolean namesNoOtherStoredBuild(ConfigMap record, String buildId) {
    return ConfigMapDeliveries.buildIds(record).orElse(List.of()).stream()
        .filter(id -> !id.equals(buildId))
        .noneMatch(id -> lookup.find(id).isPresent());
  }

  private void deleteConfigMap(String name) {
    retry.call("delete ConfigMap " + name, () -> configMaps().withName(name).delete());
  }

  private NonNamespaceOperation<ConfigMap, ConfigMapList, Resource<ConfigMap>> configMaps() {
    return client.configMaps().inNamespace(namespace);
  }

  /** Before the build Secret: a failure leaves the build, so the next delete tries again. */
  private void deleteStorage(String buildId, Map<String, String> selector) {
    try {
      deleteSelected(
          "build storage PVCs of build " + buildId,
          () ->
              client
                  .persistentVolumeClaims()
                  .inNamespace(namespace)
                  .withLabels(selector)
                  .list()
                  .getItems(),
          STORAGE,
          name ->
              retry.call(
                  "delete PVC " + name,
                  () ->
                      client
                          .persistentVolumeClaims()
                          .inNamespace(namespace)
                          .withName(name)
                          .delete()));
    } catch (StoreUnavailableException e) {
      if (!isForbidden(e)) {
        throw e;
      }
      if (storageForbiddenReported.compareAndSet(false, true)) {
        LOG.warn(
            "Build storage PVCs are left when builds are deleted ({}). Grant list and delete on"
                + " persistentvolumeclaims in namespace {} (the kubeherd chart's controller Role"
                + " does); until then delete leftover PVCs labelled component=buildStorage by hand",
            e.getMessage(),
            namespace);
      }
    }
  }

  private static boolean isForbidden(StoreUnavailableException e) {
    return e.getCause() instanceof KubernetesClientException k
        && k.getCode() == HttpURLConnection.HTTP_FORBIDDEN;
  }

  private void deletePod(String name) {
    retry.call(
        "delete pod " + name,
        () -> client.pods().inNamespace(namespace).withName(name).withGracePeriod(0).delete());
  }

  private void deleteSecret(String name) {
    retry.call(
        "delete Secret " + name,
        () -> client.secrets().inNamespace(namespace).withName(name).withGracePeriod(0).delete());
  }

  private void deleteSelected(
      String what,
      Supplier<List<? extends HasMetadata>> lister,
      Set<String> components,
      Consumer<String> deleter) {
    for (HasMetadata item : retry.call("list the " + what, lister)) {
      if (components.contains(component(item))) {
        deleter.accept(item.getMetadata().getName());
      }
    }
  }

  private static String component(HasMetadata item) {
    Map<String, String> labels = item.getMetadata().getLabels();
    return labels == null ? "" : labels.getOrDefault(BrigadeLabels.COMPONENT, "");
  }
}
