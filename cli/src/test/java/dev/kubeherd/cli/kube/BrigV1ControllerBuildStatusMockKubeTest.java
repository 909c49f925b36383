package dev.kubeherd.cli.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.CliHarness;
import dev.kubeherd.cli.CliHarness.Result;
import dev.kubeherd.cli.KubeTestBackend;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import dev.kubeherd.testsupport.kube.V1Builds;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * brig against a cluster whose builds a Brigade v1 controller accepted (still running it, or before
 * the kubeherd controller has seen them): a build's status is its worker pod's phase (contract
 * §2.6), not "Running" for every build the v1 controller ever accepted.
 */
@EnableMockKube
class BrigV1ControllerBuildStatusMockKubeTest {
  @TempDir Path dir;

  static KubernetesClient client;
  static KubernetesMockServer server;
  static final AtomicInteger NAMESPACES = new AtomicInteger();
  static final String PROJECT = V1Builds.PROJECT;
  static final String BUILD = V1Builds.BUILD;
  static final String WORKER = V1Builds.workerName(BUILD);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2020-05-01T12:00:00Z"), ZoneOffset.UTC);

  String ns;

  @BeforeEach
  void setUp() {
    ns = "v1-status-" + NAMESPACES.incrementAndGet();
    client
        .secrets()
        .inNamespace(ns)
        .resource(V1Builds.acceptedBuildSecret(PROJECT, BUILD))
        .create();
  }

  private void workerPod(String phase) {
    client.pods().inNamespace(ns).resource(V1Builds.endedWorkerPod(PROJECT, BUILD, phase)).create();
  }

  private Result brig(String... args) {
    BrigApp app = new BrigApp(KubeTestBackend.on(client, ns, CLOCK), CLOCK, Map.of());
    return new CliHarness(dir).brig(app, args);
  }

  @Test
  void buildListShowsTheV1WorkerPodsPhaseAndAge() {
    workerPod("Failed");

    Result r = brig("build", "list");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).contains(BUILD + "  exec  brigade-cli  " + PROJECT + "  Failed  1h");
  }

  @Test
  void buildDeleteDeletesAFinishedV1BuildWithoutForce() {
    workerPod("Succeeded");

    Result r = brig("build", "delete", BUILD);

    assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
    assertThat(r.err()).doesNotContain("skipped");
    assertThat(client.secrets().inNamespace(ns).withName(WORKER).get()).isNull();
    assertThat(client.pods().inNamespace(ns).withName(WORKER).get()).isNull();
  }

  @Test
  void aV1BuildWhoseWorkerStillRunsStaysRunningAndIsSkippedByDelete() {
    workerPod("Running");

    Result r = brig("build", "delete", BUILD);

    assertThat(r.err()).contains("is Running; skipped");
    assertThat(client.secrets().inNamespace(ns).withName(WORKER).get()).isNotNull();
  }
}
