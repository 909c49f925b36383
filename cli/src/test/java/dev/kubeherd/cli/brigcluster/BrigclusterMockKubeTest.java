package dev.kubeherd.cli.brigcluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.CliHarness;
import dev.kubeherd.cli.CliHarness.Result;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.kube.store.SecretBuildStore;
import dev.kubeherd.kube.store.SecretProjectStore;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import dev.kubeherd.toolkit.pipeline.RunCommandJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code brigcluster master create|update} and {@code worker create|init APP} in place ({@code
 * --in-place}: what their install jobs run) on the mock API server, with a cluster repo directory
 * made by the test. The job path: {@link BrigclusterJobMockKubeTest}.
 */
@EnableMockKube
class BrigclusterMockKubeTest {
  static final AtomicInteger RUNS = new AtomicInteger();
  static KubernetesClient client;
  static KubernetesMockServer server;

  @TempDir Path dir;
  CliHarness cli;
  String sys;
  Path infra;

  @BeforeEach
  void setUp() throws IOException {
    int n = RUNS.incrementAndGet();
    sys = "cluster-system-" + n;
    infra = Files.createDirectories(dir.resolve("environments/test/cluster-infra"));
    cli = new CliHarness(dir.resolve("home"));
    cli.kube = client;
  }

  private Result master(String action, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "master",
                action,
                "--repository",
                "acme/cluster-repo",
                "--environmnent",
                "test",
                "--cluster",
                "k8stest1",
                "--path",
                infra.toString(),
                "--namespace",
                sys,
                "--in-place"));
    args.addAll(List.of(more));
    return cli.brigcluster(args.toArray(String[]::new));
  }

  private Result worker(String action, String app, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "worker",
                action,
                app,
                "--repository",
                "acme/" + app,
                "--environment",
                "test",
                "--path",
                infra.toString(),
                "--in-place"));
    args.addAll(List.of(more));
    return cli.kubeherd(
        java.util.stream.Stream.concat(java.util.stream.Stream.of("brigcluster"), args.stream())
            .toArray(String[]::new));
  }

  private Project project(String ns) {
    List<Project> all = new SecretProjectStore(client, ns).list();
    assertThat(all).hasSize(1);
    return all.getFirst();
  }

  private List<String> events(String ns) {
    return new SecretBuildStore(client, ns, Clock.systemUTC())
        .list(Optional.empty()).stream().map(Build::request).map(r -> r.type()).sorted().toList();
  }

  @Test
  void masterCreateUsesTheRepoMasterDefaultAndFiresInit() throws Exception {
    Files.writeString(infra.resolve("brigade.master.default.js"), "// master default of the repo");

    Result r = master("create");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("master created in " + sys + "; init build ");
    assertThat(r.err()).contains("default script: " + infra.resolve("brigade.master.default.js"));
    Project p = project(sys);
    assertThat(p.name()).isEqualTo("acme/cluster-repo");
    assertThat(p.value("defaultScript")).isEqualTo("// master default of the repo");
    assertThat(p.secretsJson())
        .isEqualTo(
            "{\"CLUSTER\":\"k8stest1\",\"ENV\":\"test\",\"TOOLBOX_IMAGE\":\""
                + RunCommandJob.TOOLBOX_IMAGE
                + "\"}");
    assertThat(events(sys)).containsExactly("init");
  }

  @Test
  void masterCreateOnAnExistingMasterExitsFourUnlessIfNotExists() throws Exception {
    Files.writeString(infra.resolve("brigade.js"), "// repo script");
    assertThat(master("create").exitCode()).isZero();

    Result again = master("create");
    Result tolerant = master("create", "--if-not-exists");

    assertThat(again.exitCode()).isEqualTo(4);
    assertThat(again.err()).contains("already exists in namespace " + sys);
    assertThat(tolerant.exitCode()).as(tolerant.err()).isZero();
    assertThat(tolerant.out()).isEqualTo("master exists in " + sys + "; nothing done\n");
    assertThat(events(sys)).containsExactly("init");
  }

  @Test
  void masterUpdateUpgradesTheScriptAndFiresUpdateAndBrigadeJsWins() throws Exception {
    Files.writeString(infra.resolve("brigade.master.default.js"), "// v1");
    assertThat(master("create").exitCode()).isZero();
    Files.writeString(infra.resolve("brigade.js"), "// v2 from brigade.js");

    Result r = master("update");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(project(sys).value("defaultScript")).isEqualTo("// v2 from brigade.js");
    assertThat(events(sys)).containsExactly("init", "update");
  }

  @Test
  void masterUpdateWithoutAMasterExitsThreeAndCreatesNothing() throws Exception {
    Files.writeString(infra.resolve("brigade.js"), "// script");

    Result r = master("update");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("no master pipeline").contains("brigcluster master create");
    assertThat(new SecretProjectStore(client, sys).list()).isEmpty();
  }

  @Test
  void masterCreateExitsThreeWhenTheKubernetesApiRefuses() throws Exception {
    Files.writeString(infra.resolve("brigade.js"), "// script");
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/" + sys)
        .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"message\":\"forbidden by RBAC\"}")
        .always();

    Result r = master("create");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err())
        .contains("Kubernetes API failed while installing the pipeline in namespace " + sys)
        .contains("HTTP 403: forbidden by RBAC")
        .contains("check the kube context");
    assertThat(events(sys)).isEmpty();
  }

  @Test
  void workerCreateMakesTheAppPipelineAndConflictsOnTheSecondRun() throws Exception {
    Files.writeString(infra.resolve("brigade.worker.default.js"), "// worker default");
    String app = "app-" + RUNS.get();

    Result created = worker("create", app);
    Result again = worker("create", app);

    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out()).isEqualTo("worker pipeline created in " + app + "\n");
    assertThat(project(app).value("defaultScript")).isEqualTo("// worker default");
    assertThat(project(app).repository()).isEqualTo("github.com/acme/" + app);
    assertThat(events(app)).isEmpty();
    assertThat(again.exitCode()).isEqualTo(4);
  }

  @Test
  void workerCommandsStoreTheToolboxImageTheLibrarysJobsRun() throws Exception {
    Files.writeString(infra.resolve("brigade.worker.default.js"), "// worker default");
    String pinned = "app-image-" + RUNS.get();
    String defaulted = "app-default-image-" + RUNS.get();

    Result init = worker("init", pinned, "--image", "registry.example/kubeherd-toolbox:1.4.2");
    Result create = worker("create", defaulted);

    assertThat(init.exitCode()).as(init.err()).isZero();
    assertThat(create.exitCode()).as(create.err()).isZero();
    assertThat(project(pinned).secretsJson())
        .contains("\"TOOLBOX_IMAGE\":\"registry.example/kubeherd-toolbox:1.4.2\"");
    assertThat(project(pinned).value(ProjectKeys.PLAIN_SECRETS)).contains("TOOLBOX_IMAGE");
    assertThat(project(defaulted).secretsJson())
        .contains("\"TOOLBOX_IMAGE\":\"" + RunCommandJob.TOOLBOX_IMAGE + "\"");
  }

  @Test
  void workerCreateWithInitFiresInit() throws Exception {
    Files.writeString(infra.resolve("brigade.worker.default.js"), "// worker default");
    String app = "app-init-" + RUNS.get();

    Result r = worker("create", app, "--init");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(events(app)).containsExactly("init");
  }

  @Test
  void workerInitCreatesOrUpgradesAndFiresInitEachTime() throws Exception {
    Files.writeString(infra.resolve("brigade.worker.default.js"), "// first");
    String app = "app-upsert-" + RUNS.get();
    assertThat(worker("init", app).exitCode()).isZero();
    Files.writeString(infra.resolve("brigade.worker.default.js"), "// second");

    Result r = worker("init", app);

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(project(app).value("defaultScript")).isEqualTo("// second");
    assertThat(events(app)).containsExactly("init", "init");
  }

  @Test
  void theMastersEngineMayInstallPipelinesAndAnAppsMayNot() throws Exception {
    Files.writeString(infra.resolve("brigade.js"), "// script");
    String app = "app-rbac-" + RUNS.get();

    assertThat(master("create").exitCode()).isZero();
    assertThat(worker("create", app).exitCode()).isZero();

    var role = client.rbac().clusterRoleBindings().withName("kubeherd-pipeline-installer-" + sys);
    assertThat(role.get().getSubjects())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getName()).isEqualTo("brigade-worker");
              assertThat(s.getNamespace()).isEqualTo(sys);
            });
    assertThat(client.rbac().clusterRoles().withName("kubeherd-pipeline-installer-" + app).get())
        .isNull();
  }

  @Test
  void installOnlyInstallsAndLeavesTheEventToTheCaller() throws Exception {
    Files.writeString(infra.resolve("brigade.js"), "// script");

    Result r = master("create", "--install-only");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("master installed in " + sys + "\n");
    assertThat(project(sys).value("defaultScript")).isEqualTo("// script");
    assertThat(events(sys)).isEmpty();
  }

  @Test
  void withoutAnEnvironmentItIsAUsageErrorAndNothingIsInstalled() {
    Result r =
        cli.brigcluster(
            "master", "create", "--repository", "acme/cluster-repo", "--namespace", sys);

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("Missing required option: '--environment=ENV'");
    assertThat(client.namespaces().withName(sys).get()).isNull();
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] args :
        List.of(
            new String[] {"--help"},
            new String[] {"master", "create", "--help"},
            new String[] {"master", "update", "--help"},
            new String[] {"worker", "create", "--help"},
            new String[] {"worker", "init", "--help"})) {
      Result r = cli.brigcluster(args);
      assertThat(r.exitCode()).isZero();
      assertThat(r.out()).startsWith("Usage: brigcluster");
      assertThat(r.out()).doesNotContain("--environmnent").doesNotContain("--in-place");
      assertThat(r.out()).doesNotContain("--install-only");
    }
  }
}
