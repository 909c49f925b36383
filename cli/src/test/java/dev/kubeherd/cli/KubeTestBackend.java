package dev.kubeherd.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

/** The Kubernetes-mode backend on a test's client (the mock API server). */
public final class KubeTestBackend {
  private KubeTestBackend() {}

  public static Backend on(KubernetesClient client, String namespace, Clock clock) {
    return KubeBackend.on(client, namespace, clock);
  }
}
