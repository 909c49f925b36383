package dev.kubeherd.cli.ops;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Project and build Secrets as brig v1 labels them, with a data value that is not base64. */
public final class DamagedSecrets {
  private DamagedSecrets() {}

  public static void project(KubernetesClient client, String ns, String id) {
    create(
        client,
        ns,
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
            .build());
  }

  public static void build(KubernetesClient client, String ns, String buildId, String projectId) {
    create(
        client,
        ns,
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
            .build());
  }

  private static void create(KubernetesClient client, String ns, Secret secret) {
    client.secrets().inNamespace(ns).resource(secret).create();
  }
}
