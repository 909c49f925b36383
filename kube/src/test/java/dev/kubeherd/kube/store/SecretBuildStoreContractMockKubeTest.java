package dev.kubeherd.kube.store;

import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.testsupport.contract.BuildStoreContract;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

@EnableMockKube
class SecretBuildStoreContractMockKubeTest extends BuildStoreContract {
  static KubernetesClient client;

  @Override
  protected BuildStore createStore() {
    MockKube.clear(client);
    return new SecretBuildStore(client, MockKube.NAMESPACE, Clock.systemUTC());
  }
}
