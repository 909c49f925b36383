package dev.kubeherd.cli.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.CliHarness;
import dev.kubeherd.cli.CliHarness.Result;
import dev.kubeherd.cli.KubeTestBackend;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import dev.kubeherd.testsupport.kube.V1Builds;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code brig build logs} of a build run by a Brigade v1 worker (a custom worker image, or a build
 * from before the upgrade): its log is only the pods' log, as brig v1 read it, since a v1 worker
 * writes no log ConfigMap.
 */
@EnableMockKube
class BrigBuildLogsV1WorkerMockKubeTest {
  @TempDir Path dir;

  static KubernetesClient client;
  static KubernetesMockServer server;
  static final AtomicInteger NAMESPACES = new AtomicInteger();
  static final String PROJECT = V1Builds.PROJECT;
  static final String BUILD = V1Builds.BUILD;
  static final String WORKER = V1Builds.workerName(BUILD);
  static final String JOB = "j1-" + BUILD;

  String ns;

  @BeforeEach
  void setUp() {
    ns = "v1-logs-" + NAMESPACES.incrementAndGet();
    client
        .secrets()
        .inNamespace(ns)
        .resource(V1Builds.acceptedBuildSecret(PROJECT, BUILD))
        .create();
  }

  private void pod(String name, Map<String, String> labels, String container, String log) {
    client
        .pods()
        .inNamespace(ns)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels(labels)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName(container)
                .withImage("brigadecore/brigade-worker:v1.5.0")
                .withCommand(List.of("yarn", "-s", "start"))
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Succeeded")
                .endStatus()
                .build())
        .create();
    String path = "/api/v1/namespaces/" + ns + "/pods/" + name + "/log?pretty=false";
    server.expect().get().withPath(path).andReturn(200, log).always();
    server.expect().get().withPath(path + "&container=" + container).andReturn(200, log).always();
  }

  private Result brig(String... args) {
    BrigApp app =
        new BrigApp(KubeTestBackend.on(client, ns, Clock.systemUTC()), Clock.systemUTC(), Map.of());
    return new CliHarness(dir).brig(app, args);
  }

  @Test
  void buildLogsOfAV1WorkerPrintTheWorkerPodLogAndWithJobsTheJobPodLogs() {
    pod(
        WORKER,
        Map.of("heritage", "brigade", "component", "build", "project", PROJECT, "build", BUILD),
        "brigade-runner",
        "[brigade] brigade-worker version: 1.2.1\n");
    pod(
        JOB,
        Map.of(
            "heritage",
            "brigade",
            "component",
            "job",
            "jobname",
            "j1",
            "project",
            PROJECT,
            "worker",
            WORKER,
            "build",
            BUILD),
        "brigaderun",
        "hello from j1\n");

    Result r = brig("build", "logs", BUILD, "--jobs");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
    assertThat(r.out())
        .isEqualTo(
            "[brigade] brigade-worker version: 1.2.1\n"
                + "\n==========[  "
                + JOB
                + "  ]==========\n"
                + "hello from j1\n");
  }

  @Test
  void buildLogsOfAV1BuildWhosePodsAreGoneSayThereAreNone() {
    Result r = brig("build", "logs", BUILD);

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("No logs for build \"" + BUILD + "\"");
  }

  @Test
  void aKubeherdWorkerStillRunningIsNotReadFromItsPod() {
    Pod running =
        new PodBuilder()
            .withNewMetadata()
            .withName(WORKER)
            .addToLabels(Map.of("heritage", "brigade", "component", "build", "build", BUILD))
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("brigade-runner")
            .withImage("kubeherd")
            .withCommand(List.of("kubeherd", "worker"))
            .endContainer()
            .endSpec()
            .withNewStatus()
            .withPhase("Running")
            .endStatus()
            .build();
    client.pods().inNamespace(ns).resource(running).create();

    Result r = brig("build", "logs", BUILD);

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("No logs for build \"" + BUILD + "\"");
  }
}
