package dev.kubeherd.cli.brigadm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.CliHarness;
import dev.kubeherd.cli.CliHarness.Result;
import dev.kubeherd.cli.kube.WorkerPods;
import dev.kubeherd.controller.ControllerApp;
import dev.kubeherd.controller.ControllerConfig;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.kube.store.SecretBuildStore;
import dev.kubeherd.kube.store.SecretProjectStore;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import dev.kubeherd.testsupport.kube.PodOutcome;
import dev.kubeherd.testsupport.kube.PodSimulator;
import dev.kubeherd.testsupport.kube.SimulatedPod;
import dev.kubeherd.toolkit.pipeline.RunCommandJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code brigadm run "CMD"} through the Kubernetes-mode path: build Secret → controller → worker
 * pod (our worker, in-process) → job pod (a local process, by the pod simulator) → exit code.
 */
@EnableMockKube
class BrigadmRunMockKubeTest {
  static final AtomicInteger NAMESPACES = new AtomicInteger();
  static final String NAME = "acme/cluster-repo";
  static KubernetesClient client;
  static KubernetesMockServer server;

  @TempDir Path dir;
  Clock clock = Clock.systemUTC();
  CliHarness cli;
  String ns;
  KubernetesClient controllerClient;
  ControllerApp controller;
  PodSimulator pods;

  @BeforeEach
  void setUp() {
    ns = "run-" + NAMESPACES.incrementAndGet();
    new SecretProjectStore(client, ns)
        .create(new Project(ProjectIds.fromName(NAME), NAME, ns, Map.of("repository", NAME)));
    pods = new PodSimulator(client, server, ns, dir.resolve("pods")).onWorkerPod(this::worker);
    pods.start();
    controllerClient = server.createClient();
    Map<String, String> env = new HashMap<>();
    env.put("BRIGADE_NAMESPACE", ns);
    env.put("KUBEHERD_LEASE_IDENTITY", "controller-0");
    env.put("KUBEHERD_LEASE_RETRY_PERIOD", "100ms");
    env.put("KUBEHERD_VACUUM_INTERVAL", "0");
    controller = ControllerApp.onSecrets(ControllerConfig.fromEnv(env), controllerClient, clock);
    controller.start();
    cli = new CliHarness(dir.resolve("home"));
    cli.kube = client;
  }

  @AfterEach
  void tearDown() {
    controller.close();
    controllerClient.close();
    pods.close();
  }

  private PodOutcome worker(SimulatedPod pod) {
    return WorkerPods.run(client, clock, pod, dir.resolve("scratch"));
  }

  private Build onlyBuild() {
    List<Build> builds = new SecretBuildStore(client, ns, clock).list(Optional.empty());
    assertThat(builds).hasSize(1);
    return builds.getFirst();
  }

  @Test
  void runReturnsTheJobsExitCodeAndPrintsTheLog() {
    Result r =
        cli.brigadm(
            "run", "echo \"it's\" $((6 * 7)); exit 7", "--namespace", ns, "--commit", "abc123");

    Build build = onlyBuild();
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(7);
    assertThat(r.err()).contains("build " + build.id() + " created on project " + NAME);
    assertThat(build.request().type()).isEqualTo("run");
    assertThat(build.request().revision().commit()).isEqualTo("abc123");
    assertThat(build.request().script()).isEqualTo(RunCommandJob.script()).doesNotContain("exit 7");
    assertThat(build.request().payload())
        .isEqualTo(
            RunCommandJob.payload(
                "echo \"it's\" $((6 * 7)); exit 7", RunCommandJob.TOOLBOX_IMAGE, Map.of()));
    assertThat(pods.podsSeen()).contains("brigadm-run-" + build.id());
  }

  @Test
  void aSucceedingCommandExitsZeroWithItsOutputInTheLog() {
    Result r =
        cli.kubeherd(
            "brigadm",
            "run",
            "echo from the job",
            "-n",
            ns,
            "--project",
            NAME,
            "--image",
            "alpine:3");

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    Build build = onlyBuild();
    assertThat(build.status().phase()).isEqualTo(BuildPhase.SUCCEEDED);
    assertThat(build.request().payload()).contains("\"image\":\"alpine:3\"");
    assertThat(r.err()).contains("job exit code 0");
  }

  @Test
  void runExitsThreeWhenTheKubernetesApiRefusesTheBuild() {
    server
        .expect()
        .post()
        .withPath("/api/v1/namespaces/" + ns + "/secrets")
        .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"message\":\"no secrets\"}")
        .always();

    Result r = cli.brigadm("run", "true", "--namespace", ns);

    assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
    assertThat(r.err())
        .contains("Kubernetes API failed while firing run on project " + NAME + " in " + ns)
        .contains("HTTP 403: no secrets");
  }

  @Test
  void runWithoutAProjectExitsThree() {
    Result r = cli.brigadm("run", "true", "--namespace", ns + "-empty");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err())
        .contains("no project in namespace " + ns + "-empty")
        .contains("brigadm init");
  }
}
