package dev.kubeherd.kube.store;

import static dev.kubeherd.kube.store.MockKube.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.port.DeliveryIntake.Accepted;
import dev.kubeherd.core.service.RecordedIntake;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A delivery record lives as long as any build it names: the Secret of each owns it (the API
 * server's garbage collector, which the mock server lacks, deletes it with the last of them), and
 * deleting the last of them through the store deletes it at once.
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
  void recordIsOwnedByTheSecretOfEveryBuildItNames() {
    Build first = build();
    Build newest = build();

    deliveries.record(DELIVERY, List.of(first.id(), newest.id()));

    ConfigMap record = record(DELIVERY);
    assertThat(record.getMetadata().getOwnerReferences())
        .extracting(
            OwnerReference::getApiVersion,
            OwnerReference::getKind,
            OwnerReference::getName,
            OwnerReference::getUid)
        .containsExactly(
            tuple("v1", "Secret", first.workerName(), uid(first)),
            tuple("v1", "Secret", newest.workerName(), uid(newest)));
    assertThat(record.getMetadata().getLabels())
        .containsEntry(BrigadeLabels.COMPONENT, BrigadeLabels.COMPONENT_DELIVERY)
        .containsEntry("build.kubeherd.dev/" + first.id(), "true")
        .containsEntry("build.kubeherd.dev/" + newest.id(), "true")
        .doesNotContainKey(BrigadeLabels.BUILD);
  }

  /**
   * A GitHub event with an action becomes two builds ({@code pull_request} and {@code
   * pull_request:opened}); deleting one of them (brig build delete, the vacuum) must not make the
   * redelivery of the event run both again.
   */
  @Test
  void redeliveryIsStillADuplicateAfterOneOfItsTwoBuildsIsDeleted() throws Exception {
    RecordedIntake intake = new RecordedIntake(store, deliveries);
    Accepted first = intake.accept(DELIVERY, this::pullRequestOpened);
    assertThat(first.duplicate()).isFalse();
    assertThat(first.buildIds()).hasSize(2);

    assertThat(store.delete(first.buildIds().getLast())).isTrue();
    Accepted redelivery = intake.accept(DELIVERY, this::pullRequestOpened);

    assertThat(redelivery.duplicate()).isTrue();
    assertThat(redelivery.buildIds()).isEqualTo(first.buildIds());
    assertThat(store.find(first.buildIds().getFirst())).isPresent();
  }

  @ParameterizedTest(name = "deleting the {0} build first")
  @ValueSource(strings = {"oldest", "newest"})
  void deletingEveryBuildOfADeliveryDeletesItsRecordWithTheLast(String firstDeleted)
      throws Exception {
    RecordedIntake intake = new RecordedIntake(store, deliveries);
    List<String> ids = intake.accept(DELIVERY, this::pullRequestOpened).buildIds();
    String deletedFirst = firstDeleted.equals("oldest") ? ids.getFirst() : ids.getLast();
    String deletedLast = firstDeleted.equals("oldest") ? ids.getLast() : ids.getFirst();

    assertThat(store.delete(deletedFirst)).isTrue();
    assertThat(deliveries.find(DELIVERY)).contains(ids);
    assertThat(store.delete(deletedLast)).isTrue();

    assertThat(deliveries.find(DELIVERY)).isEmpty();
  }

  /**
   * A record an older version wrote is owned by and labelled {@code build=} with its newest build
   * only (a real cluster's garbage collector deletes it with that Secret); deleting that build
   * deletes it once no other build it names is stored.
   */
  @Test
  void recordOfAnOlderVersionIsDeletedWithItsLabelledBuildOnceNoOtherRemains() {
    Build first = build();
    Build newest = build();
    client
        .configMaps()
        .inNamespace(NAMESPACE)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(ConfigMapDeliveries.name(DELIVERY))
                .addToLabels(BrigadeLabels.HERITAGE, BrigadeLabels.BRIGADE)
                .addToLabels(BrigadeLabels.COMPONENT, BrigadeLabels.COMPONENT_DELIVERY)
                .addToLabels(BrigadeLabels.BUILD, newest.id())
                .endMetadata()
                .addToData("delivery", DELIVERY)
                .addToData("builds", first.id() + "," + newest.id())
                .build())
        .create();

    assertThat(store.delete(first.id())).isTrue();
    assertThat(deliveries.find(DELIVERY)).contains(List.of(first.id(), newest.id()));
    assertThat(store.delete(newest.id())).isTrue();

    assertThat(deliveries.find(DELIVERY)).isEmpty();
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

  private List<BuildRequest> pullRequestOpened() {
    return List.of(
        BuildRequest.of("brigade-p", "pull_request", "github"),
        BuildRequest.of("brigade-p", "pull_request:opened", "github"));
  }

  private static String uid(Build b) {
    return client
        .secrets()
        .inNamespace(NAMESPACE)
        .withName(b.workerName())
        .get()
        .getMetadata()
        .getUid();
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
