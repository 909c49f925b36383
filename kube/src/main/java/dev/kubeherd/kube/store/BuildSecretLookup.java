package dev.kubeherd.kube.store;

import dev.kubeherd.kube.brigade.BrigadeLabels;
import dev.kubeherd.kube.brigade.BrigadeNames;
import dev.kubeherd.kube.brigade.BuildSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
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
 *
 * <p>A build Secret is its type plus labels {@code build} and {@code project} (contract §2.3); v1
 * selected on the type alone, so {@code component=build} is not required: custom producers may
 * leave it out. The type cannot be selected on here (the fabric8 mock server ignores field
 * selectors on {@code type}), so the selector is "has label {@code build}, and is not a job Secret
 * ({@code component!=job})" and the type is checked on what comes back. Job Secrets are excluded
 * because every build has some and they carry the job's environment and script.
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
                    .withLabel(BrigadeLabels.BUILD, buildId)
                    .withoutLabel(BrigadeLabels.COMPONENT, BrigadeLabels.COMPONENT_JOB)
                    .list()
                    .getItems())
        .stream()
        .filter(s -> isBuildOf(s, buildId))
        .min(Comparator.comparing(s -> s.getMetadata().getName()));
  }

  /** Every build Secret: labelled {@code build}, of the build type, whatever its component. */
  List<Secret> list() {
    return retry.call("list build Secrets", () -> candidates(secrets()).list().getItems()).stream()
        .filter(BuildSecrets::isBuild)
        .toList();
  }

  /**
   * The Secrets that may be build Secrets, for a list or an informer: labelled {@code build} and
   * not job Secrets. Callers still check the type ({@link BuildSecrets#isBuild}).
   */
  static FilterWatchListDeletable<Secret, SecretList, Resource<Secret>> candidates(
      NonNamespaceOperation<Secret, SecretList, Resource<Secret>> secrets) {
    return secrets
        .withLabel(BrigadeLabels.BUILD)
        .withoutLabel(BrigadeLabels.COMPONENT, BrigadeLabels.COMPONENT_JOB);
  }

  private static boolean isBuildOf(Secret s, String buildId) {
    return BuildSecrets.isBuild(s) && BuildSecrets.buildId(s).filter(buildId::equals).isPresent();
  }

  private NonNamespaceOperation<Secret, SecretList, Resource<Secret>> secrets() {
    return client.secrets().inNamespace(namespace);
  }
}
