package dev.kubeherd.cli.ops;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
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

  /** The chart's gateway Service: port 80 named http, targeting {@code targetPort}. */
  static Service gatewayService(KubernetesClient client, String ns, IntOrString targetPort) {
    Service s =
        new ServiceBuilder()
            .withNewMetadata()
            .withName(RELEASE + "-gateway")
            .withNamespace(ns)
            .withLabels(labels("gateway"))
            .endMetadata()
            .withNewSpec()
            .withType("ClusterIP")
            .withSelector(podLabels("gateway"))
            .addNewPort()
            .withName("http")
            .withPort(80)
            .withTargetPort(targetPort)
            .withProtocol("TCP")
            .endPort()
            .endSpec()
            .build();
    return client.services().inNamespace(ns).resource(s).create();
  }

  /** A gateway pod with container port {@code http}: 7746, Running, ready or not. */
  static Pod gatewayPod(KubernetesClient client, String ns, String name, boolean ready) {
    Pod p =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(ns)
            .withLabels(podLabels("gateway"))
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("gateway")
            .withImage("kubeherd:test")
            .addNewPort()
            .withName("http")
            .withContainerPort(7746)
            .endPort()
            .endContainer()
            .endSpec()
            .withNewStatus()
            .withPhase("Running")
            .addNewCondition()
            .withType("Ready")
            .withStatus(ready ? "True" : "False")
            .endCondition()
            .endStatus()
            .build();
    return client.pods().inNamespace(ns).resource(p).create();
  }
}
