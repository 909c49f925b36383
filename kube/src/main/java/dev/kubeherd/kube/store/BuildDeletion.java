package dev.kubeherd.kube.store;

import dev.kubeherd.core.StoreUnavailableException;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
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
 * log ConfigMaps and the delivery records the build's Secret owns ({@link ConfigMapDeliveries}).
 * The build Secret and the worker pod, both named after the build Secret, are also deleted by name,
 * for custom producers that do not label {@code heritage=brigade}. Grace period 0.
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
  private static final Set<String> LOGS_AND_DELIVERIES =
      Set.of(BrigadeLabels.COMPONENT_LOG, BrigadeLabels.COMPONENT_DELIVERY);
  private static final Set<String> STORAGE = Set.of(BrigadeLabels.COMPONENT_BUILD_STORAGE);

  private final KubernetesClient client;
  private final String namespace;
  private final KubeRetry retry;
  private final AtomicBoolean storageForbiddenReported = new AtomicBoolean();

  BuildDeletion(KubernetesClient client, String namespace, KubeRetry retry) {
    this.client = client;
    this.namespace = namespace;
    this.retry = retry;
  }

  void delete(String buildId, String buildSecretName) {
    Map<String, String> selector = BrigadeLabels.buildObjectsSelector(buildId);
    deleteSelected(
        "pods of build " + buildId,
        () -> client.pods().inNamespace(namespace).withLabels(selector).list().getItems(),
        BUILD_AND_JOBS,
        this::deletePod);
    deleteStorage(buildId, selector);
    deleteSelected(
        "log and delivery ConfigMaps of build " + buildId,
        () -> client.configMaps().inNamespace(namespace).withLabels(selector).list().getItems(),
        LOGS_AND_DELIVERIES,
        name ->
            retry.call(
                "delete ConfigMap " + name,
                () -> client.configMaps().inNamespace(namespace).withName(name).delete()));
    deleteSelected(
        "Secrets of build " + buildId,
        () -> client.secrets().inNamespace(namespace).withLabels(selector).list().getItems(),
        BUILD_AND_JOBS,
        this::deleteSecret);
    deletePod(buildSecretName);
    deleteSecret(buildSecretName);
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
      Map<String, String> labels = item.getMetadata().getLabels();
      String component = labels == null ? "" : labels.getOrDefault(BrigadeLabels.COMPONENT, "");
      if (components.contains(component)) {
        deleter.accept(item.getMetadata().getName());
      }
    }
  }
}
