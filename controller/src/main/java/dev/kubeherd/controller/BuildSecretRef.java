package dev.kubeherd.controller;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import dev.kubeherd.kube.brigade.BrigadeNames;
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
   * The Secret as brig and the bundled gateways write it: {@code brigade-worker-<id>} with the
   * build labels (without {@code status}, which the controller adds after the pod exists).
   */
  public static BuildSecretRef of(Build build, String namespace) {
    String name = BrigadeNames.workerName(build.id());
    return new BuildSecretRef(
        name, namespace, BrigadeLabels.buildLabels(build.id(), build.projectId()), name);
  }

  /** Labels in a stable order (sorted), as the pod gets them. */
  Map<String, String> sortedLabels() {
    return new TreeMap<>(labels);
  }
}
