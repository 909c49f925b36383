package dev.kubeherd.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.kube.store.SecretBuildFeed;
import dev.kubeherd.kube.store.SecretBuildStore;
import dev.kubeherd.kube.store.SecretProjectStore;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import dev.kubeherd.testsupport.kube.V1Builds;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A build a Brigade v1 controller accepted before the upgrade, whose worker pod has ended: its
 * status is the pod's (contract §2.6: start = the pod's {@code status.startTime}, end and exit code
 * = the first container's terminated state), not the time the kubeherd controller first saw it.
 */
@EnableMockKube
class V1WorkerPodTimesMockKubeTest {
  static KubernetesClient client;
  static KubernetesMockServer server;
  static final String PROJECT = ProjectIds.fromName("brigadecore/empty-testbed");
  static final String BUILD = "01ckcc06200kqdvkdp3nc65bap";
  static final String WORKER = "brigade-worker-" + BUILD;

  @Test
  void aV1BuildsEndedWorkerPodGivesItsStartAndEndTimes() {
    String ns = "v1-times";
    new SecretProjectStore(client, ns)
        .create(new Project(PROJECT, "brigadecore/empty-testbed", ns, Map.of()));
    client
        .secrets()
        .inNamespace(ns)
        .resource(V1Builds.acceptedBuildSecret(PROJECT, BUILD))
        .create();
    client
        .pods()
        .inNamespace(ns)
        .resource(V1Builds.endedWorkerPod(PROJECT, BUILD, "Failed"))
        .create();
    SecretBuildStore builds = new SecretBuildStore(client, ns, Clock.systemUTC());
    Map<String, String> env =
        Map.of(
            "BRIGADE_NAMESPACE", ns,
            "KUBEHERD_LEASE_IDENTITY", "c",
            "KUBEHERD_LEASE_RETRY_PERIOD", "100ms",
            "KUBEHERD_VACUUM_INTERVAL", "0");

    try (ControllerApp app =
        new ControllerApp(
            ControllerConfig.fromEnv(env),
            client,
            builds,
            new SecretProjectStore(client, ns),
            new SecretBuildFeed(client, ns),
            Clock.systemUTC())) {
      app.start();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> builds.find(BUILD).orElseThrow().status().phase().isTerminal());
    }

    Build build = builds.find(BUILD).orElseThrow();
    assertThat(build.status().phase()).isEqualTo(BuildPhase.FAILED);
    assertThat(build.status().exitCode()).contains(1);
    assertThat(build.status().startedAt())
        .isEqualTo(Optional.of(Instant.parse("2020-05-01T10:00:00Z")));
    assertThat(build.status().finishedAt())
        .isEqualTo(Optional.of(Instant.parse("2020-05-01T10:03:00Z")));
  }
}
