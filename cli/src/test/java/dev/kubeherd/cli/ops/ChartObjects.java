package dev.kubeherd.cli.ops;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/** Deployments labelled as the kubeherd chart labels them, stored on the mock API server. */
final class ChartObjects {
  static final String RELEASE = "kubeherd";

  private ChartObjects() {}

  /** The chart's labels on every object of {@code component}. */
  static Map<String, String> labels(String component) {
    return Map.of(
        "app.kubernetes.io/name", "kubeherd",
        "app.kubernetes.io/instance", RELEASE,
        "app.kubernetes.io/component", component,
        "app.kubernetes.io/part-of", "kubeherd",
        "app.kubernetes.io/managed-by", "Helm");
  }

  /** The labels the chart selects {@code component}'s pods by. */
  static Map<String, String> podLabels(String component) {
    return Map.of(
        "app.kubernetes.io/name", "kubeherd",
        "app.kubernetes.io/instance", RELEASE,
        "app.kubernetes.io/component", component);
  }

  /** A Deployment {@code kubeherd-<component>} with these replicas and container env. */
  static Deployment deployment(
      KubernetesClient client,
      String ns,
      String component,
      int desired,
      int ready,
      Map<String, String> env) {
    List<EnvVar> vars =
        env.entrySet().stream().map(e -> new EnvVar(e.getKey(), e.getValue(), null)).toList();
    Deployment d =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName(RELEASE + "-" + component)
            .withNamespace(ns)
            .withLabels(labels(component))
            .endMetadata()
            .withNewSpec()
            .withReplicas(desired)
            .withNewSelector()
            .withMatchLabels(podLabels(component))
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(podLabels(component))
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName(component)
            .withImage("kubeherd:test")
            .withEnv(vars)
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .withNewStatus()
            .withReplicas(desired)
            .withReadyReplicas(ready)
            .endStatus()
            .build();
    return client.apps().deployments().inNamespace(ns).resource(d).create();
  }
}
