package dev.kubeherd.kube.store;

import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.port.LogStore;
import dev.kubeherd.testsupport.contract.LogStoreContract;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;

@EnableMockKube
class ConfigMapLogStoreContractMockKubeTest extends LogStoreContract {
  static KubernetesClient client;
  private ConfigMapLogStore store;

  @Override
  protected LogStore createStore() {
    MockKube.clear(client);
    store = new ConfigMapLogStore(client, MockKube.NAMESPACE, Clock.systemUTC());
    return store;
  }

  @Override
  protected String createBuild() {
    return new SecretBuildStore(client, MockKube.NAMESPACE, Clock.systemUTC())
        .create(BuildRequest.of("brigade-p", "exec", "brigade-cli"))
        .id();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }
}
