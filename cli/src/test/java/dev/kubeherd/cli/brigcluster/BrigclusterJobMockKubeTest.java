package dev.kubeherd.cli.brigcluster;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.kubeherd.cli.CliHarness.Result;
import dev.kubeherd.cli.SsmStub;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.kube.store.SecretProjectStore;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import dev.kubeherd.toolkit.pipeline.RunCommandJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code brigcluster master create|update} as install jobs (§2.9) on the mock API server, in a
 * {@link SimulatedCluster} with engines in {@code NS-boot} and the master namespace {@code NS}. The
 * worker commands: {@link BrigclusterWorkerJobMockKubeTest}.
 */
@EnableMockKube
class BrigclusterJobMockKubeTest {
  static final String KEY =
      "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAAjob-test-only-key-material\n"
          + "-----END OPENSSH PRIVATE KEY-----\n";
  static final String KEY_MATERIAL = "b3BlbnNzaC1rZXktdjEAAAAAjob";
  static final String PARAM = "/kubeherd/test/deploy-key";
  static final AtomicInteger RUNS = new AtomicInteger();
  static KubernetesClient client;
  static KubernetesMockServer server;

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;
  Clock clock = Clock.systemUTC();
  String sys;
  String boot;
  SimulatedCluster cluster;

  @BeforeEach
  void setUp() throws Exception {
    int n = RUNS.incrementAndGet();
    sys = "cluster-system-" + n;
    boot = sys + "-boot";
    SsmStub.parameter(wm, PARAM, KEY);
    cluster = new SimulatedCluster(client, server, dir, wm.baseUrl(), List.of(boot, sys));
  }

  @AfterEach
  void tearDown() throws Exception {
    cluster.close();
  }

  // --- commands and state ---------------------------------------------------------------------

  private List<String> masterFlags() {
    return List.of(
        "--repository",
        "acme/cluster-repo",
        "--environment",
        "test",
        "--cluster",
        "k8stest1",
        "--path",
        "environments/test/cluster-infra",
        "--ssh-key-from-ssm-parameter",
        PARAM);
  }

  private Result master(String action, String... more) {
    List<String> args = new ArrayList<>(List.of("master", action));
    args.addAll(masterFlags());
    args.addAll(List.of("--namespace", sys, "--timeout", "60s", "--start-timeout", "60s"));
    args.addAll(List.of(more));
    return cluster.cli().brigcluster(args.toArray(String[]::new));
  }

  // --- tests ----------------------------------------------------------------------------------

  @Test
  void masterCreateOnAnEmptyClusterInstallsBootThenRunsTheInstallJobThereThenFiresInit()
      throws Exception {
    Result r = master("create");

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    List<String> install =
        List.of(
            "brigcluster",
            "master",
            "create",
            "--in-place",
            "--install-only",
            "--repository",
            "acme/cluster-repo",
            "--environment",
            "test",
            "--cluster",
            "k8stest1",
            "--path",
            "/src/environments/test/cluster-infra",
            "--ssh-key-from-ssm-parameter",
            PARAM,
            "--region",
            "eu-west-1",
            "--namespace",
            sys,
            "--image",
            RunCommandJob.TOOLBOX_IMAGE);
    assertThat(cluster.jobCommands).containsExactly(install);
    Build run = cluster.builds(boot).getFirst();
    assertThat(cluster.events(boot)).containsExactly("run");
    assertThat(run.request().payload())
        .isEqualTo(
            RunCommandJob.payload(
                "kubeherd " + String.join(" ", install), RunCommandJob.TOOLBOX_IMAGE, Map.of()));
    Project bootProject = cluster.project(boot, "acme/cluster-repo").orElseThrow();
    assertThat(bootProject.value(ProjectKeys.SSH_KEY)).isEqualTo(KEY);
    assertThat(bootProject.secretsJson()).contains("\"CLUSTER_REPO\":\"acme/cluster-repo\"");
    Project master = cluster.project(sys, "acme/cluster-repo").orElseThrow();
    assertThat(master.value(ProjectKeys.DEFAULT_SCRIPT)).isEqualTo("// master default of the repo");
    assertThat(master.value(ProjectKeys.SSH_KEY)).isEqualTo(KEY);
    assertThat(cluster.events(sys)).containsExactly("init");
    Build init = cluster.builds(sys).getFirst();
    assertThat(r.out()).isEqualTo("master created in " + sys + "; init build " + init.id() + "\n");
    assertThat(r.err())
        .contains("no pipeline in namespace " + boot + "; installing it")
        .contains("install job: build " + run.id() + " succeeded");
    for (String ns : List.of(boot, sys)) {
      assertThat(client.rbac().clusterRoles().withName("kubeherd-pipeline-installer-" + ns).get())
          .as("pipeline installer of " + ns)
          .isNotNull();
    }
    String everything =
        r.out()
            + r.err()
            + run.request().payload()
            + cluster.standIns.calls().getLast().text()
            + cluster.logsOf(boot)
            + cluster.logsOf(sys);
    assertThat(everything).doesNotContain(KEY_MATERIAL);
  }

  @Test
  void masterCreateLeavesAnExistingBootPipelineAlone() throws Exception {
    Result bootInit =
        cluster.cli().brigadm("init", "--repository", "acme/kubeherd-scripts", "--namespace", boot);
    assertThat(bootInit.exitCode()).as(bootInit.err()).isZero();
    cluster.withVcsSidecar(boot, "acme/kubeherd-scripts");

    Result r = master("create");

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(new SecretProjectStore(client, boot).list())
        .extracting(Project::name)
        .containsExactly("acme/kubeherd-scripts");
    assertThat(r.err()).doesNotContain("installing it");
    assertThat(cluster.events(boot)).containsExactly("run");
    assertThat(cluster.events(sys)).containsExactly("init");
  }

  @Test
  void masterCreateWhenTheMasterExistsExitsFourAndRunsNothingUnlessIfNotExists() {
    cluster.existingMaster(sys);

    Result again = master("create");
    Result tolerant = master("create", "--if-not-exists");

    assertThat(again.exitCode()).as(again.err()).isEqualTo(4);
    assertThat(again.err())
        .contains("the master pipeline already exists in namespace " + sys)
        .contains("--if-not-exists");
    assertThat(tolerant.exitCode()).as(tolerant.err()).isZero();
    assertThat(tolerant.out()).isEqualTo("master exists in " + sys + "; nothing done\n");
    assertThat(cluster.events(boot)).isEmpty();
    assertThat(cluster.events(sys)).isEmpty();
    assertThat(client.namespaces().withName(boot).get()).isNull();
  }

  @Test
  void masterUpdateWithoutAMasterExitsThreeFiresNothingAndNeverCreatesBoot() {
    Result r = master("update");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
    assertThat(r.err()).contains("no master pipeline").contains("brigcluster master create");
    assertThat(cluster.events(boot)).isEmpty();
    assertThat(cluster.events(sys)).isEmpty();
    assertThat(client.namespaces().withName(boot).get()).isNull();
  }

  @Test
  void aPinnedToolboxImageRunsTheInstallJobAndIsTheMastersSetting() throws Exception {
    String pinned = "registry.example/kubeherd-toolbox:1.4.2";

    Result r = master("create", "--image", pinned);

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(cluster.jobCommands.getLast()).endsWith("--namespace", sys, "--image", pinned);
    assertThat(
            new JsonObject(cluster.builds(boot).getFirst().request().payload()).getString("image"))
        .isEqualTo(pinned);
    assertThat(cluster.project(sys, "acme/cluster-repo").orElseThrow().secretsJson())
        .contains("\"TOOLBOX_IMAGE\":\"" + pinned + "\"");
  }

  @Test
  void masterUpdateRunsTheUpgradeJobInBootThenFiresUpdate() throws Exception {
    assertThat(master("create").exitCode()).isZero();

    Result r = master("update");

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(cluster.jobCommands.getLast())
        .startsWith("brigcluster", "master", "update", "--in-place");
    assertThat(cluster.events(boot)).containsExactly("run", "run");
    assertThat(cluster.events(sys)).containsExactly("init", "update");
  }

  @Test
  void aRefusedKubernetesApiCallExitsThreeAndRunsNothing() {
    server
        .expect()
        .get()
        .withPath("/apis/apps/v1/namespaces/" + sys + "/deployments/kubeherd-controller")
        .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"message\":\"no deployments\"}")
        .always();

    Result r = master("create");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
    assertThat(r.err())
        .contains("Kubernetes API failed while reading the pipeline of namespace " + sys)
        .contains("HTTP 403: no deployments");
    assertThat(cluster.events(boot)).isEmpty();
    assertThat(client.namespaces().withName(boot).get()).isNull();
  }

  @Test
  void aKeyFromAFileCannotGoToAnInstallJob() throws Exception {
    Path key = Files.writeString(dir.resolve("deploy-key"), KEY);

    Result r =
        cluster
            .cli()
            .brigcluster(
                "master",
                "create",
                "--repository",
                "acme/cluster-repo",
                "--environment",
                "test",
                "--namespace",
                sys,
                "--ssh-key-from-path",
                key.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("--ssh-key-from-ssm-parameter").contains("--in-place");
    assertThat(client.namespaces().withName(boot).get()).isNull();
  }
}
