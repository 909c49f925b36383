package dev.kubeherd.testsupport.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Init containers given a runner run first, on the volumes the main container then sees; a job pod
 * run {@link ShellPodRunner#inMountNamespace in a mount namespace} finds them at their mount paths.
 */
@EnableMockKube
class PodSimulatorInitContainersMockKubeTest {
  static final String NS = "sim-init";
  static KubernetesClient client;
  static KubernetesMockServer server;

  @TempDir Path dir;
  PodSimulator sim;

  @BeforeEach
  void setUp() throws Exception {
    sim =
        new PodSimulator(client, server, NS, dir.resolve("node"))
            .onJobPod(ShellPodRunner.inMountNamespace(dir.resolve("wrappers")));
  }

  @AfterEach
  void tearDown() {
    sim.close();
  }

  /** A job pod whose vcs-sidecar init container fills /src, then reads it from /src. */
  private static Pod jobPod(String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels("component", "job")
        .endMetadata()
        .withNewSpec()
        .addNewInitContainer()
        .withName("vcs-sidecar")
        .withImage("brigadecore/git-sidecar:v1.5.0")
        .addNewEnv()
        .withName("BRIGADE_WORKSPACE")
        .withValue("/src")
        .endEnv()
        .addNewVolumeMount()
        .withName("vcs-sidecar")
        .withMountPath("/src")
        .endVolumeMount()
        .endInitContainer()
        .addNewContainer()
        .withName("brigaderun")
        .withImage("alpine")
        .withCommand("/bin/sh", "-c", "cat /src/checkout.txt; pwd")
        .addNewVolumeMount()
        .withName("vcs-sidecar")
        .withMountPath("/src")
        .endVolumeMount()
        .endContainer()
        .addNewVolume()
        .withName("vcs-sidecar")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .endSpec()
        .build();
  }

  private static String phase(String pod) {
    Pod p = client.pods().inNamespace(NS).withName(pod).get();
    return p == null || p.getStatus() == null ? "" : p.getStatus().getPhase();
  }

  @Test
  void anInitContainerFillsTheVolumeTheJobThenReadsAtItsMountPath() {
    sim.onInitContainer(
            "vcs-sidecar",
            pod -> {
              Path src = pod.mount(pod.env().get("BRIGADE_WORKSPACE")).orElseThrow();
              Files.writeString(src.resolve("checkout.txt"), "cloned\n");
              return PodOutcome.succeeded("");
            })
        .start();

    client.pods().inNamespace(NS).resource(jobPod("j1-b1")).create();

    await().atMost(Duration.ofSeconds(20)).until(() -> phase("j1-b1").equals("Succeeded"));
    assertThat(client.pods().inNamespace(NS).withName("j1-b1").getLog())
        .isEqualTo("cloned\n/src\n");
  }

  @Test
  void aFailingInitContainerFailsThePodWithItsLogAndTheJobNeverRuns() throws Exception {
    AtomicBoolean jobRan = new AtomicBoolean();
    sim.onInitContainer("vcs-sidecar", pod -> new PodOutcome(1, "clone refused\n"))
        .onJobPod(
            pod -> {
              jobRan.set(true);
              return PodOutcome.succeeded("");
            })
        .start();

    client.pods().inNamespace(NS).resource(jobPod("j2-b1")).create();

    await().atMost(Duration.ofSeconds(20)).until(() -> phase("j2-b1").equals("Failed"));
    assertThat(client.pods().inNamespace(NS).withName("j2-b1").getLog())
        .isEqualTo("clone refused\n");
    assertThat(jobRan).isFalse();
  }
}
