package dev.kubeherd.cli.brigcluster;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.kubeherd.cli.CliHarness;
import dev.kubeherd.cli.CliHarness.Result;
import dev.kubeherd.controller.ControllerApp;
import dev.kubeherd.controller.ControllerConfig;
import dev.kubeherd.core.Json;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.kube.store.SecretBuildStore;
import dev.kubeherd.kube.store.SecretProjectStore;
import dev.kubeherd.testsupport.kube.PodOutcome;
import dev.kubeherd.testsupport.kube.PodSimulator;
import dev.kubeherd.testsupport.kube.ShellPodRunner;
import dev.kubeherd.testsupport.kube.SimulatedPod;
import dev.kubeherd.testsupport.tools.SyncStandIns;
import dev.kubeherd.toolkit.pipeline.PipelineSpec;
import dev.kubeherd.toolkit.pipeline.RunCommandJob;
import dev.kubeherd.worker.kube.KubeWorker;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code brigcluster} as install jobs (§2.9, §2.10) on the mock API server: engines are our
 * controller (in-process, one per namespace) with {@code PodSimulator} playing kubelet; the
 * pipelines' repository is a local JGit repo standing in for GitHub; an install job's shell runs
 * for real with a recording {@code kubeherd} stand-in first on PATH, and the command it recorded
 * then runs in-process as the job's {@code kubeherd}, against the same API server.
 */
@EnableKubernetesMockClient(crud = true)
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
  Path repo;
  SyncStandIns standIns;
  final List<List<String>> jobCommands = new CopyOnWriteArrayList<>();
  final List<AutoCloseable> running = new ArrayList<>();
  final ScheduledExecutorService kubelet = Executors.newSingleThreadScheduledExecutor();

  @BeforeEach
  void setUp() throws Exception {
    int n = RUNS.incrementAndGet();
    sys = "cluster-system-" + n;
    boot = sys + "-boot";
    repo = clusterRepo(dir.resolve("cluster-repo"));
    standIns = new SyncStandIns(dir.resolve("bin")).add("kubeherd", "exit 0");
    ssmParameter(PARAM, KEY);
    engine(boot);
    engine(sys);
    kubelet.scheduleWithFixedDelay(this::enginesBecomeAvailable, 50, 100, TimeUnit.MILLISECONDS);
  }

  @AfterEach
  void tearDown() throws Exception {
    kubelet.shutdownNow();
    for (AutoCloseable c : running.reversed()) {
      c.close();
    }
  }

  // --- the cluster: engines, kubelet, GitHub, SSM ---------------------------------------------

  private static Path clusterRepo(Path at) throws Exception {
    Path infra = Files.createDirectories(at.resolve("environments/test/cluster-infra"));
    Files.writeString(infra.resolve("brigade.master.default.js"), "// master default of the repo");
    Files.writeString(infra.resolve("brigade.worker.default.js"), "// worker default of the repo");
    try (Git git = Git.init().setDirectory(at.toFile()).setInitialBranch("master").call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("cluster repo").setAuthor("T", "t@example.com").call();
    }
    return at;
  }

  /** A controller for {@code ns} and a pod simulator running its worker and job pods. */
  private void engine(String ns) {
    PodSimulator pods =
        new PodSimulator(client, server, ns, dir.resolve("pods-" + ns))
            .onWorkerPod(this::worker)
            .onJobPod(this::installJob);
    pods.start();
    running.add(pods);
    KubernetesClient controllerClient = server.createClient();
    running.add(controllerClient);
    Map<String, String> env = new HashMap<>();
    env.put("BRIGADE_NAMESPACE", ns);
    env.put("KUBEHERD_LEASE_IDENTITY", "controller-" + ns);
    env.put("KUBEHERD_LEASE_RETRY_PERIOD", "100ms");
    env.put("KUBEHERD_VACUUM_INTERVAL", "0");
    ControllerApp controller =
        ControllerApp.onSecrets(ControllerConfig.fromEnv(env), controllerClient, clock);
    controller.start();
    running.add(controller::close);
  }

  /** What a kubelet reports once the engine's pods run: its Deployment Available. */
  private void enginesBecomeAvailable() {
    for (String ns : List.of(boot, sys)) {
      Deployment d =
          client.apps().deployments().inNamespace(ns).withName("kubeherd-controller").get();
      if (d != null && d.getStatus() == null) {
        d.setStatus(
            new DeploymentStatusBuilder()
                .withConditions(
                    new DeploymentConditionBuilder()
                        .withType("Available")
                        .withStatus("True")
                        .build())
                .build());
        client.apps().deployments().inNamespace(ns).resource(d).updateStatus();
      }
    }
  }

  /** Our worker, in-process; GitHub is the local cluster repo. */
  private PodOutcome worker(SimulatedPod pod) {
    String ns = pod.pod().getMetadata().getNamespace();
    SecretProjectStore projects = new SecretProjectStore(client, ns);
    for (Project p : projects.list()) {
      Map<String, String> data = new HashMap<>(p.data());
      data.put(ProjectKeys.CLONE_URL, repo.toString());
      projects.replace(new Project(p.id(), p.name(), p.namespace(), data));
    }
    Map<String, String> env = new HashMap<>(pod.env());
    pod.mount("/vcs").ifPresent(d -> env.put("BRIGADE_WORKSPACE", d.toString()));
    StringWriter out = new StringWriter();
    var status =
        new KubeWorker(client, clock)
            .run(env, dir.resolve("scratch-" + ns), new PrintWriter(out, true));
    return new PodOutcome(status.phase() == BuildPhase.SUCCEEDED ? 0 : 1, out.toString());
  }

  /**
   * The install job: its shell runs for real, with the recording {@code kubeherd} stand-in; the
   * recorded command then runs in-process, {@code /src} being the job's checkout.
   */
  private PodOutcome installJob(SimulatedPod pod) throws Exception {
    vcsSidecar(pod);
    Map<String, String> env = new HashMap<>(pod.env());
    env.put("PATH", standIns.path());
    int before = standIns.calls().size();
    PodOutcome shell = new ShellPodRunner().run(new SimulatedPod(pod.pod(), env, pod.mounts()));
    if (shell.exitCode() != 0 || standIns.calls().size() == before) {
      return shell;
    }
    List<String> argv = standIns.calls().getLast().argv();
    jobCommands.add(argv);
    Path src = pod.mount("/src").orElseThrow();
    String[] args =
        argv.stream()
            .map(a -> a.startsWith("/src/") ? src.resolve(a.substring(5)).toString() : a)
            .toArray(String[]::new);
    Result r = cli().kubeherd(args);
    return new PodOutcome(r.exitCode(), r.out() + r.err());
  }

  /** What the job pod's vcs-sidecar init container does: the checkout in {@code /src}. */
  private void vcsSidecar(SimulatedPod pod) throws Exception {
    boolean wanted =
        pod.pod().getSpec().getInitContainers().stream()
            .anyMatch(c -> c.getName().equals("vcs-sidecar"));
    Optional<Path> src = pod.mount("/src");
    if (wanted && src.isPresent()) {
      Git.cloneRepository().setURI(repo.toString()).setDirectory(src.get().toFile()).call().close();
    }
  }

  /** Adds the vcs-sidecar a bootstrap or brigcluster pipeline has. */
  private void withVcsSidecar(String ns, String name) {
    SecretProjectStore projects = new SecretProjectStore(client, ns);
    Project p = projects.find(name).orElseThrow();
    Map<String, String> data = new HashMap<>(p.data());
    data.put(ProjectKeys.VCS_SIDECAR, PipelineSpec.VCS_SIDECAR_IMAGE);
    projects.replace(new Project(p.id(), p.name(), p.namespace(), data));
  }

  private void ssmParameter(String name, String value) {
    wm.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
            .withRequestBody(matchingJsonPath("$.Name", equalTo(name)))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(
                        "{\"Parameter\":{\"Name\":\""
                            + name
                            + "\",\"Type\":\"SecureString\",\"Value\":"
                            + Json.MAPPER.writeValueAsString(value)
                            + ",\"Version\":1}}")));
  }

  private CliHarness cli() {
    CliHarness cli = new CliHarness(dir.resolve("home-" + System.nanoTime()));
    cli.kube = client;
    cli.env.put("AWS_ENDPOINT_URL", wm.baseUrl());
    cli.env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    cli.env.put("AWS_SECRET_ACCESS_KEY", "test-secret");
    cli.env.put("AWS_REGION", "eu-west-1");
    return cli;
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
    return cli().brigcluster(args.toArray(String[]::new));
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
    return cli().kubeherd(args.toArray(String[]::new));
  }

  /** The master, as an earlier {@code master create} left it (no engine needed to hold it). */
  private void existingMaster() {
    new SecretProjectStore(client, sys)
        .create(
            new Project(
                ProjectIds.fromName("acme/cluster-repo"),
                "acme/cluster-repo",
                sys,
                Map.of(
                    ProjectKeys.REPOSITORY,
                    "github.com/acme/cluster-repo",
                    ProjectKeys.VCS_SIDECAR,
                    PipelineSpec.VCS_SIDECAR_IMAGE)));
  }

  private List<Build> builds(String ns) {
    return new SecretBuildStore(client, ns, clock).list(Optional.empty());
  }

  private List<String> events(String ns) {
    return builds(ns).stream().map(b -> b.request().type()).sorted().toList();
  }

  private Optional<Project> project(String ns, String name) {
    return new SecretProjectStore(client, ns).find(name);
  }

  private String logsOf(String ns) {
    StringBuilder all = new StringBuilder();
    for (ConfigMap cm : client.configMaps().inNamespace(ns).list().getItems()) {
      if (cm.getData() != null) {
        cm.getData().values().forEach(all::append);
      }
    }
    return all.toString();
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
            "--namespace",
            sys);
    assertThat(jobCommands).containsExactly(install);
    Build run = builds(boot).getFirst();
    assertThat(events(boot)).containsExactly("run");
    assertThat(run.request().payload())
        .isEqualTo(
            RunCommandJob.payload(
                "kubeherd " + String.join(" ", install), RunCommandJob.TOOLBOX_IMAGE, Map.of()));
    Project bootProject = project(boot, "acme/cluster-repo").orElseThrow();
    assertThat(bootProject.value(ProjectKeys.SSH_KEY)).isEqualTo(KEY);
    assertThat(bootProject.secretsJson()).contains("\"CLUSTER_REPO\":\"acme/cluster-repo\"");
    Project master = project(sys, "acme/cluster-repo").orElseThrow();
    assertThat(master.value(ProjectKeys.DEFAULT_SCRIPT)).isEqualTo("// master default of the repo");
    assertThat(master.value(ProjectKeys.SSH_KEY)).isEqualTo(KEY);
    assertThat(events(sys)).containsExactly("init");
    Build init = builds(sys).getFirst();
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
            + standIns.calls().getLast().text()
            + logsOf(boot)
            + logsOf(sys);
    assertThat(everything).doesNotContain(KEY_MATERIAL);
  }

  @Test
  void masterCreateLeavesAnExistingBootPipelineAlone() throws Exception {
    Result bootInit =
        cli().brigadm("init", "--repository", "acme/kubeherd-scripts", "--namespace", boot);
    assertThat(bootInit.exitCode()).as(bootInit.err()).isZero();
    withVcsSidecar(boot, "acme/kubeherd-scripts");

    Result r = master("create");

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(new SecretProjectStore(client, boot).list())
        .extracting(Project::name)
        .containsExactly("acme/kubeherd-scripts");
    assertThat(r.err()).doesNotContain("installing it");
    assertThat(events(boot)).containsExactly("run");
    assertThat(events(sys)).containsExactly("init");
  }

  @Test
  void masterCreateWhenTheMasterExistsExitsFourAndRunsNothingUnlessIfNotExists() {
    existingMaster();

    Result again = master("create");
    Result tolerant = master("create", "--if-not-exists");

    assertThat(again.exitCode()).as(again.err()).isEqualTo(4);
    assertThat(again.err())
        .contains("the master pipeline already exists in namespace " + sys)
        .contains("--if-not-exists");
    assertThat(tolerant.exitCode()).as(tolerant.err()).isZero();
    assertThat(tolerant.out()).isEqualTo("master exists in " + sys + "; nothing done\n");
    assertThat(events(boot)).isEmpty();
    assertThat(events(sys)).isEmpty();
    assertThat(client.namespaces().withName(boot).get()).isNull();
  }

  @Test
  void masterUpdateWithoutAMasterExitsThreeFiresNothingAndNeverCreatesBoot() {
    Result r = master("update");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
    assertThat(r.err()).contains("no master pipeline").contains("brigcluster master create");
    assertThat(events(boot)).isEmpty();
    assertThat(events(sys)).isEmpty();
    assertThat(client.namespaces().withName(boot).get()).isNull();
  }

  @Test
  void masterUpdateRunsTheUpgradeJobInBootThenFiresUpdate() throws Exception {
    assertThat(master("create").exitCode()).isZero();

    Result r = master("update");

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(jobCommands.getLast()).startsWith("brigcluster", "master", "update", "--in-place");
    assertThat(events(boot)).containsExactly("run", "run");
    assertThat(events(sys)).containsExactly("init", "update");
  }

  @Test
  void workerInitRunsItsInstallJobInTheMasterNamespaceThenFiresInit() throws Exception {
    existingMaster();
    String app = "app-" + RUNS.get();

    Result r = worker("init", app, "--image", "registry.example/kubeherd-toolbox:1.4.2");

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(jobCommands)
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
    assertThat(builds(sys))
        .singleElement()
        .satisfies(
            b ->
                assertThat(b.request().payload())
                    .contains("registry.example/kubeherd-toolbox:1.4.2"));
    assertThat(events(boot)).isEmpty();
    Project p = project(app, "acme/" + app).orElseThrow();
    assertThat(p.value(ProjectKeys.DEFAULT_SCRIPT)).isEqualTo("// worker default of the repo");
    assertThat(events(app)).containsExactly("init");
    assertThat(client.rbac().clusterRoles().withName("kubeherd-pipeline-installer-" + app).get())
        .isNull();
  }

  @Test
  void aFailingInstallJobExitsWithItsExitCodeAndNamesTheBuild() throws Exception {
    existingMaster();
    String app = "app-twice-" + RUNS.get();
    assertThat(worker("create", app).exitCode()).isZero();

    Result r = worker("create", app, "--init");

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(4);
    Build failed =
        builds(sys).stream()
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
    assertThat(events(app)).isEmpty();
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
    assertThat(events(boot)).isEmpty();
    assertThat(client.namespaces().withName(boot).get()).isNull();
  }

  @Test
  void aKeyFromAFileCannotGoToAnInstallJob() throws Exception {
    Path key = Files.writeString(dir.resolve("deploy-key"), KEY);

    Result r =
        cli()
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
