package dev.kubeherd.testsupport.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableMockKube
class PodSimulatorMockKubeTest {
  static final String NS = "sim";
  static KubernetesClient client;
  static KubernetesMockServer server;

  @TempDir Path dir;
  PodSimulator sim;

  @BeforeEach
  void setUp() {
    sim = new PodSimulator(client, server, NS, dir);
  }

  @AfterEach
  void tearDown() {
    sim.close();
  }

  private static Pod jobPod(String name, String image, String... command) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels("component", "job")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("brigaderun")
        .withImage(image)
        .withCommand(command)
        .addNewEnv()
        .withName("GREETING")
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(name)
        .withKey("GREETING")
        .endSecretKeyRef()
        .endValueFrom()
        .endEnv()
        .addNewVolumeMount()
        .withName("hook")
        .withMountPath("/hook")
        .endVolumeMount()
        .endContainer()
        .addNewVolume()
        .withName("hook")
        .withNewSecret()
        .withSecretName(name)
        .endSecret()
        .endVolume()
        .endSpec()
        .build();
  }

  private static void jobSecret(String name, String script) {
    client
        .secrets()
        .inNamespace(NS)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .addToStringData("GREETING", "hello from the secret")
                .addToStringData("main.sh", script)
                .build())
        .create();
  }

  private static String phase(String pod) {
    Pod p = client.pods().inNamespace(NS).withName(pod).get();
    return p == null || p.getStatus() == null ? "" : p.getStatus().getPhase();
  }

  @Test
  void jobPodRunsItsScriptWithSecretEnvAndServesTheLog() {
    jobSecret("j1-b1", "#!/bin/sh\necho \"$GREETING\"\n");
    sim.start();

    client
        .pods()
        .inNamespace(NS)
        .resource(jobPod("j1-b1", "alpine", "/bin/sh", "/hook/main.sh"))
        .create();

    await().atMost(Duration.ofSeconds(10)).until(() -> phase("j1-b1").equals("Succeeded"));
    assertThat(client.pods().inNamespace(NS).withName("j1-b1").getLog())
        .isEqualTo("hello from the secret\n");
    Pod done = client.pods().inNamespace(NS).withName("j1-b1").get();
    assertThat(
            done.getStatus()
                .getContainerStatuses()
                .getFirst()
                .getState()
                .getTerminated()
                .getExitCode())
        .isZero();
  }

  @Test
  void failingScriptEndsFailedWithItsExitCode() {
    jobSecret("j2-b1", "#!/bin/sh\necho nope\nexit 3\n");
    sim.start();

    client
        .pods()
        .inNamespace(NS)
        .resource(jobPod("j2-b1", "alpine", "/bin/sh", "/hook/main.sh"))
        .create();

    await().atMost(Duration.ofSeconds(10)).until(() -> phase("j2-b1").equals("Failed"));
    Pod done = client.pods().inNamespace(NS).withName("j2-b1").get();
    assertThat(
            done.getStatus()
                .getContainerStatuses()
                .getFirst()
                .getState()
                .getTerminated()
                .getExitCode())
        .isEqualTo(3);
  }

  @Test
  void unpullableImageStaysPendingWithErrImagePull() {
    jobSecret("j3-b1", "true");
    sim.failImagePull(image -> image.startsWith("nope/")).start();

    client
        .pods()
        .inNamespace(NS)
        .resource(jobPod("j3-b1", "nope/img:1", "/bin/sh", "/hook/main.sh"))
        .create();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              Pod p = client.pods().inNamespace(NS).withName("j3-b1").get();
              return p.getStatus() != null
                  && p.getStatus().getContainerStatuses() != null
                  && "ErrImagePull"
                      .equals(
                          p.getStatus()
                              .getContainerStatuses()
                              .getFirst()
                              .getState()
                              .getWaiting()
                              .getReason());
            });
    assertThat(phase("j3-b1")).isEqualTo("Pending");
  }

  @Test
  void deletingARunningPodStopsItsProcess() throws Exception {
    Path started = dir.resolve("started");
    Path marker = dir.resolve("still-running");
    jobSecret("j4-b1", "#!/bin/sh\ntouch " + started + "\nsleep 30\ntouch " + marker + "\n");
    sim.start();
    client
        .pods()
        .inNamespace(NS)
        .resource(jobPod("j4-b1", "alpine", "/bin/sh", "/hook/main.sh"))
        .create();
    await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(started));
    assertThat(jobProcesses()).isNotEmpty();

    client.pods().inNamespace(NS).withName("j4-b1").withGracePeriod(0).delete();

    await().atMost(Duration.ofSeconds(20)).until(() -> jobProcesses().isEmpty());
    assertThat(marker).doesNotExist();
  }

  /** The simulated job's shell: its command line names the pod's script under this test's dir. */
  private java.util.List<ProcessHandle> jobProcesses() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains(dir.toString()))
        .filter(ProcessHandle::isAlive)
        .toList();
  }

  @Test
  void workerPodsGoToTheGivenRunnerWithTheirMountedSecrets() {
    client
        .secrets()
        .inNamespace(NS)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("brigade-worker-b2")
                .endMetadata()
                .addToStringData("event_type", "push")
                .build())
        .create();
    AtomicReference<String> seenEvent = new AtomicReference<>();
    sim.onWorkerPod(
            pod -> {
              seenEvent.set(
                  Files.readString(pod.mount("/etc/brigade").orElseThrow().resolve("event_type")));
              return PodOutcome.succeeded("worker ran\n");
            })
        .start();
    Pod worker =
        new PodBuilder()
            .withNewMetadata()
            .withName("brigade-worker-b2")
            .addToLabels("component", "build")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("brigade-runner")
            .withImage("worker")
            .addNewVolumeMount()
            .withName("brigade-build")
            .withMountPath("/etc/brigade")
            .endVolumeMount()
            .endContainer()
            .addNewVolume()
            .withName("brigade-build")
            .withNewSecret()
            .withSecretName("brigade-worker-b2")
            .endSecret()
            .endVolume()
            .endSpec()
            .build();

    client.pods().inNamespace(NS).resource(worker).create();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> phase("brigade-worker-b2").equals("Succeeded"));
    assertThat(seenEvent.get()).isEqualTo("push");
    assertThat(client.pods().inNamespace(NS).withName("brigade-worker-b2").getLog())
        .isEqualTo("worker ran\n");
    assertThat(sim.podsSeen()).containsExactly("brigade-worker-b2");
  }
}
