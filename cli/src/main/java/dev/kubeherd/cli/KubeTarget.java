package dev.kubeherd.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;

/** The cluster client and namespace brig works in, in Kubernetes mode. */
public record KubeTarget(KubernetesClient client, String namespace) {
  public KubeTarget {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(namespace, "namespace");
  }
}
