package dev.kubeherd.kube.store;

import static dev.kubeherd.kube.store.MockKube.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.CorruptStateException;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.JobRecord;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import dev.kubeherd.kube.brigade.BrigadeNames;
import dev.kubeherd.kube.brigade.Golden;
import dev.kubeherd.kube.brigade.KubeherdAnnotations;
import dev.kubeherd.kube.brigade.SecretTypes;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableMockKube
class SecretBuildStoreMockKubeTest {
  static KubernetesClient client;
  private static final String BRIG_ID = "01ckcc06200kqdvkdp3nc65bap";
  private static final String UUID = "3f1e5c8a-2b4d-4e6f-8a9b-0c1d2e3f4a5b";
  private SecretBuildStore store;

  @BeforeEach
  void setUp() {
    MockKube.clear(client);
    store = newStore();
  }

  private static SecretBuildStore newStore() {
    return new SecretBuildStore(client, NAMESPACE, Clock.systemUTC());
  }

  private static void put(Secret s) {
    client.secrets().inNamespace(NAMESPACE).resource(s).create();
  }

  @Test
  void mockServerRejectsAWriteBasedOnAStaleResourceVersion() {
    Build b = store.create(BuildRequest.of("brigade-p", "push", "github"));
    Secret read = client.secrets().inNamespace(NAMESPACE).withName(b.workerName()).get();
    client
        .secrets()
        .inNamespace(NAMESPACE)
        .resource(
            new SecretBuilder(read).editMetadata().addToLabels("x", "1").endMetadata().build())
        .update();

    assertThatThrownBy(
            () ->
                client
                    .secrets()
                    .inNamespace(NAMESPACE)
                    .resource(
                        new SecretBuilder(read)
                            .editMetadata()
                            .addToLabels("x", "2")
                            .endMetadata()
                            .build())
                    .update())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
  }

  @Test
  void exactlyOneOfSixteenStoresClaimsEachBuild() throws Exception {
    for (int round = 0; round < 3; round++) {
      Build b = store.create(BuildRequest.of("brigade-p", "push", "github"));
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
        for (int t = 0; t < 16; t++) {
          SecretBuildStore racer = newStore(); // one per "process"
          String worker = "worker-" + t;
          Callable<Boolean> claim =
              () -> {
                start.await();
                return racer.claim(b.id(), worker);
              };
          results.add(pool.submit(claim));
        }
        start.countDown();
        List<String> winners = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
          if (results.get(t).get()) {
            winners.add("worker-" + t);
          }
        }

        assertThat(winners).hasSize(1);
        Secret s = client.secrets().inNamespace(NAMESPACE).withName(b.workerName()).get();
        assertThat(s.getMetadata().getLabels())
            .containsEntry(BrigadeLabels.STATUS, BrigadeLabels.STATUS_ACCEPTED);
        assertThat(s.getMetadata().getAnnotations())
            .containsEntry(KubeherdAnnotations.WORKER, winners.get(0))
            .containsEntry(KubeherdAnnotations.PHASE, "Running");
      }
    }
  }

  @Test
  void buildSecretWrittenByBrigV1IsReadBackAndClaimable() {
    put(Golden.secret("build-brig.yaml"));

    Build b = store.find(BRIG_ID).orElseThrow();

    assertThat(b.request().type()).isEqualTo("exec");
    assertThat(b.request().revision().ref()).isEqualTo("master");
    assertThat(store.list(Optional.of(b.projectId())))
        .extracting(Build::id)
        .containsExactly(BRIG_ID);
    assertThat(store.claim(BRIG_ID, "w")).isTrue();
  }

  @Test
  void buildAcceptedByAV1ControllerIsRunningAndCannotBeClaimed() {
    put(
        new SecretBuilder(Golden.secret("build-brig.yaml"))
            .editMetadata()
            .addToLabels(BrigadeLabels.STATUS, BrigadeLabels.STATUS_ACCEPTED)
            .endMetadata()
            .build());

    assertThat(store.find(BRIG_ID).orElseThrow().status().phase()).isEqualTo(BuildPhase.RUNNING);
    assertThat(store.claim(BRIG_ID, "w")).isFalse();
  }

  @Test
  void customGatewaySecretIsFoundClaimedAndDeletedByItsUuid() {
    put(Golden.secret("build-custom-gateway.yaml"));

    assertThat(store.find(UUID)).map(Build::id).contains(UUID);
    assertThat(store.claim(UUID, "w")).isTrue();
    store.updateStatus(
        UUID, store.find(UUID).orElseThrow().status().finished(true, 0, Instant.now(), ""));
    assertThat(store.find(UUID).orElseThrow().status().phase()).isEqualTo(BuildPhase.SUCCEEDED);
    assertThat(store.delete(UUID)).isTrue();
    assertThat(client.secrets().inNamespace(NAMESPACE).withName("acme-deploy-" + UUID).get())
        .isNull();
  }

  @Test
  void garbageSecretFailsFindNamingItIsSkippedByListAndCanBeMarkedFailed() {
    Build good = store.create(BuildRequest.of("brigade-p", "push", "github"));
    put(
        new SecretBuilder(Golden.secret("build-custom-gateway.yaml"))
            .withData(Map.of("payload", "not*base64"))
            .build());

    assertThatThrownBy(() -> store.find(UUID))
        .isInstanceOf(CorruptStateException.class)
        .hasMessageContaining("acme-deploy-" + UUID)
        .hasMessageContaining("data.payload is not valid base64");
    assertThat(store.list(Optional.empty())).extracting(Build::id).containsExactly(good.id());

    store.updateStatus(
        UUID, BuildStatus.pending().finished(false, 1, Instant.now(), "unreadable Secret"));
    assertThat(
            client
                .secrets()
                .inNamespace(NAMESPACE)
                .withName("acme-deploy-" + UUID)
                .get()
                .getMetadata()
                .getAnnotations())
        .containsEntry(KubeherdAnnotations.PHASE, "Failed")
        .containsEntry(KubeherdAnnotations.MESSAGE, "unreadable Secret");
  }

  @Test
  void deleteRemovesThePodsSecretsAndLogsOfThatBuildOnly() {
    Build gone = store.create(BuildRequest.of("brigade-p", "push", "github"));
    Build kept = store.create(BuildRequest.of("brigade-p", "push", "github"));
    for (Build b : List.of(gone, kept)) {
      pod(b.workerName(), BrigadeLabels.buildLabels(b.id(), "brigade-p"));
      pod(
          BrigadeNames.jobPodName("test", b.id()),
          BrigadeLabels.jobLabels("test", "brigade-p", b.workerName(), b.id()));
      store.saveJob(job(b.id()));
      try (ConfigMapLogStore logs = new ConfigMapLogStore(client, NAMESPACE, Clock.systemUTC());
          var sink = logs.open(b.id(), "worker")) {
        sink.line("hello");
      }
    }
    put(
        new SecretBuilder()
            .withNewMetadata()
            .withName("unrelated")
            .withLabels(Map.of(BrigadeLabels.BUILD, gone.id(), BrigadeLabels.HERITAGE, "brigade"))
            .endMetadata()
            .build());

    assertThat(store.delete(gone.id())).isTrue();

    assertThat(names(client.pods().inNamespace(NAMESPACE).list().getItems()))
        .containsExactlyInAnyOrder(kept.workerName(), "test-" + kept.id());
    assertThat(names(client.secrets().inNamespace(NAMESPACE).list().getItems()))
        .containsExactlyInAnyOrder(kept.workerName(), "test-" + kept.id(), "unrelated");
    assertThat(client.configMaps().inNamespace(NAMESPACE).list().getItems())
        .allMatch(c -> c.getMetadata().getLabels().get(BrigadeLabels.BUILD).equals(kept.id()))
        .hasSize(1);
  }

  @Test
  void savingAJobRecordKeepsWhatTheExecutorStoredOnTheJobSecret() {
    Build b = store.create(BuildRequest.of("brigade-p", "push", "github"));
    put(
        new SecretBuilder()
            .withNewMetadata()
            .withName("test-" + b.id())
            .withLabels(BrigadeLabels.jobLabels("test", "brigade-p", b.workerName(), b.id()))
            .endMetadata()
            .withType(SecretTypes.JOB)
            .withData(Map.of("main.sh", "ZWNobyBoaQ=="))
            .build());

    store.saveJob(job(b.id()));

    Secret s = client.secrets().inNamespace(NAMESPACE).withName("test-" + b.id()).get();
    assertThat(s.getData()).containsEntry("main.sh", "ZWNobyBoaQ==");
    assertThat(s.getMetadata().getAnnotations())
        .containsEntry(KubeherdAnnotations.PHASE, "Running");
    assertThat(store.jobs(b.id())).containsExactly(job(b.id()));
  }

  private static JobRecord job(String buildId) {
    return new JobRecord(
        buildId,
        "test",
        "test-" + buildId,
        "alpine:3",
        BuildPhase.RUNNING,
        Optional.of(Instant.parse("2024-05-01T10:00:00Z")),
        Optional.empty(),
        Optional.empty());
  }

  private static void pod(String name, Map<String, String> labels) {
    client
        .pods()
        .inNamespace(NAMESPACE)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("main")
                .withImage("alpine:3")
                .endContainer()
                .endSpec()
                .build())
        .create();
  }

  private static List<String> names(List<? extends io.fabric8.kubernetes.api.model.HasMetadata> l) {
    return l.stream().map(o -> o.getMetadata().getName()).toList();
  }
}
