package dev.kubeherd.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

@EnableMockKube
class MockServerSmokeMockKubeTest {
  static KubernetesClient client;
  static KubernetesMockServer server;

  @Test
  void secretsRoundTrip() {
    client
        .secrets()
        .inNamespace("default")
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("a")
                .endMetadata()
                .addToStringData("k", "v")
                .build())
        .create();
    assertThat(client.secrets().inNamespace("default").withName("a").get()).isNotNull();
  }
}
