package dev.kubeherd.cli.brigcluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.CliHarness.Result;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code brigcluster worker create|init APP} as install jobs (§2.10) on the mock API server: the
 * job runs on the master's pipeline, in a {@link SimulatedCluster} with an engine in the master
 * namespace {@code NS}.
 */
@EnableMockKube
class BrigclusterWorkerJobMockKubeTest {
  static final AtomicInteger RUNS = new AtomicInteger();
  static KubernetesClient client;
  static KubernetesMockServer server;

  @TempDir Path dir;
  String sys;
  SimulatedCluster cluster;

  @BeforeEach
  void setUp() throws Exception {
    sys = "kubeherd-system-" + RUNS.incrementAndGet();
    cluster = new SimulatedCluster(client, server, dir, "http://127.0.0.1:9", List.of(sys));
    cluster.existingMaster(sys);
  }

  @AfterEach
  void tearDown() throws Exception {
    cluster.close();
  }

  private Result worker(String action, String app, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "brigcluster",
                "worker",
                action,
                app,
                "--repository",
                "acme/" + app,
                "--environment",
                "test",
                "--namespace",
                sys,
                "--start-timeout",
                "60s"));
    args.addAll(List.of(more));
    return cluster.cli().kubeherd(args.toArray(String[]::new));
  }

  @Test
  void workerInitRunsItsInstallJobInTheMasterNamespaceThenFiresInit() throws Exception {
    String app = "app-" + RUNS.get();

    Result r = worker("init", app, "--image", "registry.example/kubeherd-toolbox:1.4.2");

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(cluster.jobCommands)
        .containsExactly(
            List.of(
                "brigcluster",
                "worker",
                "init",
                app,
                "--in-place",
                "--install-only",
                "--repository",
                "acme/" + app,
                "--environment",
                "test",
                "--path",
                "/src/environments/test/cluster-infra",
                "--image",
                "registry.example/kubeherd-toolbox:1.4.2"));
    assertThat(cluster.builds(sys))
        .singleElement()
        .satisfies(
            b ->
                assertThat(b.request().payload())
                    .contains("registry.example/kubeherd-toolbox:1.4.2"));
    assertThat(client.namespaces().withName(sys + "-boot").get()).isNull();
    Project p = cluster.project(app, "acme/" + app).orElseThrow();
    assertThat(p.value(ProjectKeys.DEFAULT_SCRIPT)).isEqualTo("// worker default of the repo");
    assertThat(cluster.events(app)).containsExactly("init");
    assertThat(client.rbac().clusterRoles().withName("kubeherd-pipeline-installer-" + app).get())
        .isNull();
  }

  @Test
  void aFailingInstallJobExitsWithItsExitCodeAndNamesTheBuild() throws Exception {
    String app = "app-twice-" + RUNS.get();
    assertThat(worker("create", app).exitCode()).isZero();

    Result r = worker("create", app, "--init");

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(4);
    Build failed =
        cluster.builds(sys).stream()
            .filter(b -> b.status().phase() == BuildPhase.FAILED)
            .findFirst()
            .orElseThrow();
    assertThat(r.err())
        .contains(
            "install job brigadm-run of build "
                + failed.id()
                + " in namespace "
                + sys
                + " failed (build FAILED, job exit code 4)");
    assertThat(cluster.events(app)).isEmpty();
  }
}
