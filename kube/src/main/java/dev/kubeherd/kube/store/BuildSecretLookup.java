package dev.kubeherd.kube.store;

import dev.kubeherd.kube.brigade.BrigadeLabels;
import dev.kubeherd.kube.brigade.BrigadeNames;
import dev.kubeherd.kube.brigade.BuildSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds build Secrets by build ID: first by the name brig and the bundled gateways use ({@code
 * brigade-worker-<id>}, one GET), then by label {@code build=<id>} for custom producers. Only
 * Secrets of type {@code brigade.sh/build} count.
 */
final class BuildSecretLookup {
  /** What a label value may be; anything else cannot be a build ID. */
  private static final Pattern LABEL_VALUE =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

  private final KubernetesClient client;
  private final String namespace;
  private final KubeRetry retry;

  BuildSecretLookup(KubernetesClient client, String namespace, KubeRetry retry) {
    this.client = client;
    this.namespace = namespace;
    this.retry = retry;
  }

  static boolean isPossibleBuildId(String buildId) {
    return buildId != null && LABEL_VALUE.matcher(buildId).matches();
  }

  Optional<Secret> find(String buildId) {
    if (!isPossibleBuildId(buildId)) {
      return Optional.empty();
    }
    String name = BrigadeNames.workerName(buildId);
    Secret byName = retry.call("get build Secret " + name, () -> secrets().withName(name).get());
    if (byName != null && isBuildOf(byName, buildId)) {
      return Optional.of(byName);
    }
    return retry
        .call(
            "list build Secrets of build " + buildId,
            () ->
                secrets()
                    .withLabel(BrigadeLabels.COMPONENT, BrigadeLabels.COMPONENT_BUILD)
                    .withLabel(BrigadeLabels.BUILD, buildId)
                    .list()
                    .getItems())
        .stream()
        .filter(s -> isBuildOf(s, buildId))
        .min(Comparator.comparing(s -> s.getMetadata().getName()));
  }

  /** Every Secret labelled {@code component=build} of the build type. */
  List<Secret> list() {
    return retry
        .call(
            "list build Secrets",
            () ->
                secrets()
                    .withLabel(BrigadeLabels.COMPONENT, BrigadeLabels.COMPONENT_BUILD)
                    .list()
                    .getItems())
        .stream()
        .filter(BuildSecrets::isBuild)
        .toList();
  }

  private static boolean isBuildOf(Secret s, String buildId) {
    return BuildSecrets.isBuild(s) && BuildSecrets.buildId(s).filter(buildId::equals).isPresent();
  }

  private NonNamespaceOperation<Secret, SecretList, Resource<Secret>> secrets() {
    return client.secrets().inNamespace(namespace);
  }
}
