package dev.kubeherd.kube.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.port.Deliveries;
import dev.kubeherd.testsupport.contract.DeliveriesContract;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@EnableMockKube
class ConfigMapDeliveriesContractMockKubeTest extends DeliveriesContract {
  static KubernetesClient client;
  static final AtomicInteger NAMESPACES = new AtomicInteger();

  @Override
  protected Deliveries createDeliveries() {
    return new ConfigMapDeliveries(client, "deliveries-" + NAMESPACES.incrementAndGet());
  }

  @Test
  void namesAreValidAndDistinctForAnyDeliveryId() {
    assertThat(ConfigMapDeliveries.name("72d3162e-cc78-11e3-81ab-4c9367dc0958"))
        .isEqualTo("kubeherd-delivery-72d3162e-cc78-11e3-81ab-4c9367dc0958");
    assertThat(ConfigMapDeliveries.name("Abc_1"))
        .matches("kubeherd-delivery-abc-1-[0-9a-f]{12}")
        .isNotEqualTo(ConfigMapDeliveries.name("abc-1"))
        .isNotEqualTo(ConfigMapDeliveries.name("ABC_1"));
  }
}
