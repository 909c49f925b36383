package dev.kubeherd.kube.store;

import static dev.kubeherd.kube.store.MockKube.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A delivery record lives as long as the newest build it names: that build's Secret owns it (the
 * API server's garbage collector, which the mock server lacks, deletes it with the Secret), and
 * deleting that build through the store deletes it at once.
 */
@EnableMockKube
class ConfigMapDeliveriesLifetimeMockKubeTest {
  static KubernetesClient client;
  private static final String DELIVERY = "72d3162e-cc78-11e3-81ab-4c9367dc0958";
  private static final String OTHER = "9b1c6f40-cc78-11e3-81ab-4c9367dc0958";
  private SecretBuildStore store;
  private ConfigMapDeliveries deliveries;

  @BeforeEach
  void setUp() {
    MockKube.clear(client);
    store = new SecretBuildStore(client, NAMESPACE, Clock.systemUTC());
    deliveries = new ConfigMapDeliveries(client, NAMESPACE);
  }

  @Test
  void recordIsOwnedByTheSecretOfTheNewestBuildItNames() {
    Build first = build();
    Build newest = build();

    deliveries.record(DELIVERY, List.of(first.id(), newest.id()));

    Secret owner = client.secrets().inNamespace(NAMESPACE).withName(newest.workerName()).get();
    ConfigMap record = record(DELIVERY);
    assertThat(record.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            ref -> {
              assertThat(ref.getApiVersion()).isEqualTo("v1");
              assertThat(ref.getKind()).isEqualTo("Secret");
              assertThat(ref.getName()).isEqualTo(newest.workerName());
              assertThat(ref.getUid()).isNotEmpty().isEqualTo(owner.getMetadata().getUid());
            });
    assertThat(record.getMetadata().getLabels())
        .containsEntry(BrigadeLabels.COMPONENT, BrigadeLabels.COMPONENT_DELIVERY)
        .containsEntry(BrigadeLabels.BUILD, newest.id());
  }

  @Test
  void deletingTheOwningBuildDeletesItsDeliveryRecordOnly() {
    Build gone = build();
    Build kept = build();
    deliveries.record(DELIVERY, List.of(gone.id()));
    deliveries.record(OTHER, List.of(kept.id()));

    assertThat(store.delete(gone.id())).isTrue();

    assertThat(deliveries.find(DELIVERY)).isEmpty();
    assertThat(deliveries.find(OTHER)).contains(List.of(kept.id()));
  }

  @Test
  void deliveryWithoutStoredBuildsIsRecordedWithoutAnOwner() {
    deliveries.record(DELIVERY, List.of());
    deliveries.record(OTHER, List.of("01gone0000000000000000000a"));

    for (String id : List.of(DELIVERY, OTHER)) {
      List<OwnerReference> owners = record(id).getMetadata().getOwnerReferences();
      assertThat(owners).as(id).isNullOrEmpty();
      assertThat(record(id).getMetadata().getLabels()).doesNotContainKey(BrigadeLabels.BUILD);
    }
  }

  private Build build() {
    return store.create(BuildRequest.of("brigade-p", "push", "github"));
  }

  private static ConfigMap record(String deliveryId) {
    return client
        .configMaps()
        .inNamespace(NAMESPACE)
        .withName(ConfigMapDeliveries.name(deliveryId))
        .get();
  }
}
