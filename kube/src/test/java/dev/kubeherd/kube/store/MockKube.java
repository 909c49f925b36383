package dev.kubeherd.kube.store;

import io.fabric8.kubernetes.client.KubernetesClient;

/** Helpers for tests against the fabric8 mock server in CRUD mode. */
final class MockKube {
  static final String NAMESPACE = "default";

  private MockKube() {}

  /** Empties the namespace of what the stores write, so each test starts from nothing. */
  static void clear(KubernetesClient client) {
    client.secrets().inNamespace(NAMESPACE).delete();
    client.configMaps().inNamespace(NAMESPACE).delete();
    client.pods().inNamespace(NAMESPACE).delete();
  }
}
