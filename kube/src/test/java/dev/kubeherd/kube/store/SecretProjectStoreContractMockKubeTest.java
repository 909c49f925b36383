package dev.kubeherd.kube.store;

import dev.kubeherd.core.port.ProjectStore;
import dev.kubeherd.testsupport.contract.ProjectStoreContract;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.client.KubernetesClient;

@EnableMockKube
class SecretProjectStoreContractMockKubeTest extends ProjectStoreContract {
  static KubernetesClient client;

  @Override
  protected ProjectStore createStore() {
    MockKube.clear(client);
    return new SecretProjectStore(client, MockKube.NAMESPACE);
  }

  @Override
  protected String reportedNamespace(String requested) {
    return MockKube.NAMESPACE;
  }
}
