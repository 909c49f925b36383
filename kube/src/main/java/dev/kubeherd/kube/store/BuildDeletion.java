package dev.kubeherd.kube.store;

import dev.kubeherd.kube.brigade.BrigadeLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Deletes everything of one build, as v1's {@code brig build delete --force} and vacuum do: pods
 * and Secrets labelled {@code heritage=brigade, build=<id>} whose {@code component} is {@code
 * build} or {@code job} (v1 used the set-based selector {@code component in (build, job)}; it is
 * applied here to the listed objects, which also works against the fabric8 mock server), plus our
 * log ConfigMaps. The build Secret and the worker pod, both named after the build Secret, are also
 * deleted by name, for custom producers that do not label {@code heritage=brigade}. Grace period 0;
 * PVCs are left alone.
 */
final class BuildDeletion {
  private static final Set<String> BUILD_AND_JOBS =
      Set.of(BrigadeLabels.COMPONENT_BUILD, BrigadeLabels.COMPONENT_JOB);
  private static final Set<String> LOGS = Set.of(BrigadeLabels.COMPONENT_LOG);

  private final KubernetesClient client;
  private final String namespace;
  private final KubeRetry retry;

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
    deleteSelected(
        "log ConfigMaps of build " + buildId,
        () -> client.configMaps().inNamespace(namespace).withLabels(selector).list().getItems(),
        LOGS,
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
