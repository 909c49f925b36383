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

  /**
   * The build's Secret ({@link Build#workerName()}: {@code brigade-worker-<id>} unless a custom
   * producer named it otherwise) with its labels: the producer's own ({@link Build#labels()},
   * contract §3.3: e.g. {@code team=payments} reaches the worker pod for NetworkPolicies and cost
   * allocation) and kubeherd's build labels ({@code heritage}, {@code component}, {@code project},
   * {@code build}) set from the build, whatever the Secret says; never {@code status}, which marks
   * the claim.
   */
  public static BuildSecretRef of(Build build, String namespace) {
    String name = build.workerName();
    Map<String, String> labels = new HashMap<>(build.labels());
    labels.remove(BrigadeLabels.STATUS);
    labels.putAll(BrigadeLabels.buildLabels(build.id(), build.projectId()));
    return new BuildSecretRef(name, namespace, labels, name);
  }

  /** Labels in a stable order (sorted), as the pod gets them. */
  Map<String, String> sortedLabels() {
    return new TreeMap<>(labels);
  }
}
