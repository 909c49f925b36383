package dev.kubeherd.kube.store;

import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.testsupport.contract.BuildStoreContract;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;

@EnableKubernetesMockClient(crud = true)
class SecretBuildStoreContractMockKubeTest extends BuildStoreContract {
  static KubernetesClient client;

  @Override
  protected BuildStore createStore() {
    MockKube.clear(client);
    return new SecretBuildStore(client, MockKube.NAMESPACE, Clock.systemUTC());
  }
}
