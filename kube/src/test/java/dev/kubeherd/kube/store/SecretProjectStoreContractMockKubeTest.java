package dev.kubeherd.kube.store;

import dev.kubeherd.core.port.ProjectStore;
import dev.kubeherd.testsupport.contract.ProjectStoreContract;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

@EnableKubernetesMockClient(crud = true)
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
