package dev.kubeherd.cli.ops;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Project and build Secrets as brig v1 labels them, with a data value that is not base64. */
public final class DamagedSecrets {
  private DamagedSecrets() {}

  public static void project(KubernetesClient client, String ns, String id) {
    client
        .secrets()
        .inNamespace(ns)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(id)
                .addToLabels("app", "brigade")
                .addToLabels("component", "project")
                .addToLabels("heritage", "brigade")
                .addToAnnotations("projectName", "acme/damaged")
                .endMetadata()
                .withType("brigade.sh/project")
                .addToData("sharedSecret", "!!")
                .build())
        .create();
  }

  public static void build(KubernetesClient client, String ns, String buildId, String projectId) {
    client
        .secrets()
        .inNamespace(ns)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("brigade-worker-" + buildId)
                .addToLabels("build", buildId)
                .addToLabels("component", "build")
                .addToLabels("heritage", "brigade")
                .addToLabels("project", projectId)
                .endMetadata()
                .withType("brigade.sh/build")
                .addToData("payload", "!!")
                .build())
        .create();
  }
}
