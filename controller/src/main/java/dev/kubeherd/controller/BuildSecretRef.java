package dev.kubeherd.controller;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the worker pod copies from its build Secret: the Secret's name (= pod name), namespace and
 * labels, and its {@code build_name} (the worker ID, {@code BRIGADE_BUILD_NAME}).
 */
public record BuildSecretRef(
    String name, String namespace, Map<String, String> labels, String buildName) {

  public BuildSecretRef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    labels = Map.copyOf(labels);
    buildName = buildName == null || buildName.isEmpty() ? name : buildName;
  }

  /** As {@link #of(Build, String, Map)} for a build whose Secret has no labels of its own. */
  public static BuildSecretRef of(Build build, String namespace) {
    return of(build, namespace, Map.of());
  }

  /**
   * The build's Secret ({@link Build#workerName()}: {@code brigade-worker-<id>} unless a custom
   * producer named it otherwise) with a copy of its labels (contract §3.3: a producer's own labels,
   * such as {@code team=payments}, reach the worker pod for NetworkPolicies and cost allocation),
   * without {@code status} (which marks the claim), and kubeherd's build labels ({@code heritage},
   * {@code component}, {@code project}, {@code build}) set from the build, whatever the Secret
   * says.
   *
   * @param secretLabels the build Secret's labels; empty when there is no Secret (local stores)
   */
  public static BuildSecretRef of(Build build, String namespace, Map<String, String> secretLabels) {
    String name = build.workerName();
    Map<String, String> labels = new HashMap<>(secretLabels);
    labels.remove(BrigadeLabels.STATUS);
    labels.putAll(BrigadeLabels.buildLabels(build.id(), build.projectId()));
    return new BuildSecretRef(name, namespace, labels, name);
  }

  /** Labels in a stable order (sorted), as the pod gets them. */
  Map<String, String> sortedLabels() {
    return new TreeMap<>(labels);
  }
}
