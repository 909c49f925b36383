package dev.kubeherd.cli.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.KubeTestBackend;
import dev.kubeherd.controller.ControllerApp;
import dev.kubeherd.controller.ControllerConfig;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.WorkerMode;
import dev.kubeherd.kube.store.SecretBuildStore;
import dev.kubeherd.kube.store.SecretProjectStore;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import dev.kubeherd.testsupport.kube.PodOutcome;
import dev.kubeherd.testsupport.kube.PodSimulator;
import dev.kubeherd.testsupport.kube.SimulatedPod;
import dev.kubeherd.worker.kube.JobPodDefaults;
import dev.kubeherd.worker.kube.KubeWorkerPool;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Kubernetes mode end to end on the mock API server: {@code brig run} stores a build Secret, the
 * controller starts a worker pod, the pod simulator runs our worker in-process with the pod's
 * environment, the worker runs each job as a pod (run as a local process by the simulator), and
 * brig follows the worker log to the build's exit code. Logs stay readable after the pods go.
 */
@EnableMockKube
class KubernetesModeMockKubeTest {
  static KubernetesClient client;
  static KubernetesMockServer server;
  static final AtomicInteger NAMESPACES = new AtomicInteger();
  static final String NAME = "acme/pipeline";

  @TempDir Path dir;
  String ns;
  Clock clock = Clock.systemUTC();
  KubernetesClient controllerClient;
  ControllerApp controller;
  PodSimulator pods;

  @BeforeEach
  void setUp() {
    ns = "kube-e2e-" + NAMESPACES.incrementAndGet();
    new SecretProjectStore(client, ns)
        .create(
            new Project(
                ProjectIds.fromName(NAME),
                NAME,
                ns,
                Map.of(
                    "repository",
                    "github.com/" + NAME,
                    "secrets",
                    "{\"greeting\":\"hello from a secret\"}",
                    "kubernetes.allowSecretKeyRef",
                    "true")));
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
  }

  @AfterEach
  void tearDown() {
    controller.close();
    controllerClient.close();
    pods.close();
  }

  /** A worker pod, played by our worker in this process with the pod's env. */
  private PodOutcome worker(SimulatedPod pod) {
    return WorkerPods.run(client, clock, pod, dir.resolve("scratch"));
  }

  private Result brig(String... args) {
    BrigApp app = new BrigApp(KubeTestBackend.on(client, ns, clock), clock, Map.of());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = app.brig();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  record Result(int exitCode, String out, String err) {}

  private Path script(String text) throws Exception {
    return Files.writeString(dir.resolve("brigade-" + System.nanoTime() + ".js"), text);
  }

  @Test
  void brigRunGoesThroughControllerWorkerPodAndJobPods() throws Exception {
    Path script =
        script(
            """
            const { events, Job, Group } = require("brigadier");
            events.on("exec", async (e, p) => {
              const a = new Job("first", "alpine:3", ["echo first says $GREETING"]);
              a.env = { GREETING: { secretKeyRef: { name: "x", key: "greeting" } }, PLAIN: "p" };
              const b = new Job("second", "alpine:3", ["echo second ran"]);
              const results = await Group.runAll([a, b]);
              console.log("results: " + results.map(r => r.toString().trim()).join(" | "));
            });
            """);

    Result r = brig("run", NAME, "-f", script.toString(), "--no-progress");

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    Build build = onlyBuild();
    assertThat(r.out())
        .startsWith("Event created. Waiting for worker pod named \"" + build.workerName() + "\".")
        .contains("Build: " + build.id() + ", Worker: " + build.workerName())
        .contains("results: first says ")
        .contains("second ran");
    assertThat(build.status().phase()).isEqualTo(BuildPhase.SUCCEEDED);
    assertThat(pods.podsSeen())
        .contains(build.workerName(), "first-" + build.id(), "second-" + build.id());
    assertThat(client.secrets().inNamespace(ns).withName("first-" + build.id()).get().getType())
        .isEqualTo("brigade.sh/job");
  }

  @Test
  void aFailingJobFailsTheBuildAndBrigExitsWithTwo() throws Exception {
    Path script =
        script(
            """
            const { events, Job } = require("brigadier");
            events.on("exec", async () => {
              await new Job("boom", "alpine:3", ["echo about to fail", "exit 3"]).run();
            });
            """);

    Result r = brig("run", NAME, "-f", script.toString(), "--no-progress");

    Build build = onlyBuild();
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.err()).contains("build failed. (Build ID: " + build.id() + ")");
    assertThat(r.out()).contains("boom-" + build.id() + " failed to run to completion");
    assertThat(build.status().phase()).isEqualTo(BuildPhase.FAILED);
  }

  @Test
  void logsStayReadableAfterThePodsAreDeleted() throws Exception {
    Path script =
        script(
            """
            const { events, Job } = require("brigadier");
            events.on("exec", async () => { await new Job("say", "alpine:3", ["echo kept"]).run(); });
            """);
    assertThat(brig("run", NAME, "-f", script.toString()).exitCode()).isZero();
    Build build = onlyBuild();

    client.pods().inNamespace(ns).delete();

    Result logs = brig("build", "logs", build.id(), "--jobs");
    assertThat(logs.exitCode()).as(logs.err()).isZero();
    assertThat(logs.out()).contains("say-" + build.id()).contains("kept");
    assertThat(client.pods().inNamespace(ns).list().getItems()).isEmpty();
  }

  @Test
  void aJobPodDeletedMidRunKeepsTheLogItStreamedMasked() throws Exception {
    pods.onRunning(this::serveFollowedJobLog)
        .onJobPod(
            pod -> {
              Thread.sleep(Duration.ofMinutes(1));
              return new PodOutcome(0, "never reached\n");
            });
    Path script =
        script(
            """
            const { events, Job } = require("brigadier");
            events.on("exec", async () => { await new Job("crash", "alpine:3", ["sleep 60"]).run(); });
            """);
    CompletableFuture<Result> run =
        CompletableFuture.supplyAsync(() -> brig("run", NAME, "-f", script.toString()));
    String jobPod = "crash-" + awaitBuild().id();
    awaitUntil(
        () -> brig("build", "logs", idOf(jobPod), "--jobs").out().contains("before the crash"));

    client.pods().inNamespace(ns).withName(jobPod).delete();

    Result r = run.get(30, TimeUnit.SECONDS);
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
    client.pods().inNamespace(ns).delete();
    assertThat(jobLogs(jobPod))
        .contains("==========[  " + jobPod + "  ]==========")
        .contains("before the crash: *** was here")
        .doesNotContain("hello from a secret");
  }

  /** Plays a kubelet streaming a running job container's output (worker pods run for real). */
  private void serveFollowedJobLog(SimulatedPod pod) {
    if (!"build".equals(pod.label("component"))) {
      server
          .expect()
          .get()
          .withPath(
              "/api/v1/namespaces/"
                  + ns
                  + "/pods/"
                  + pod.name()
                  + "/log?pretty=false&container=brigaderun&follow=true")
          .andReturn(200, "before the crash: hello from a secret was here\n")
          .always();
    }
  }

  private static String idOf(String jobPod) {
    return jobPod.substring(jobPod.indexOf('-') + 1);
  }

  private String jobLogs(String jobPod) {
    Result logs = brig("build", "logs", idOf(jobPod), "--jobs");
    assertThat(logs.exitCode()).as(logs.err()).isZero();
    return logs.out();
  }

  private Build awaitBuild() throws InterruptedException {
    awaitUntil(() -> !new SecretBuildStore(client, ns, clock).list(Optional.empty()).isEmpty());
    return onlyBuild();
  }

  private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 20 s").isLessThan(end);
      Thread.sleep(50);
    }
  }

  @Test
  void aPoolModeProjectRunsInTheWarmPoolWithoutAWorkerPod() throws Exception {
    var projects = new SecretProjectStore(client, ns);
    Project p = projects.find(NAME).orElseThrow();
    Map<String, String> data = new HashMap<>(p.data());
    data.put("kubeherd.workerMode", "pool");
    projects.replace(new Project(p.id(), p.name(), ns, data));
    Path script =
        script(
            """
            const { events, Job } = require("brigadier");
            events.on("exec", async () => {
              const r = await new Job("warm", "alpine:3", ["echo from the pool"]).run();
              console.log("job said: " + r.toString().trim());
            });
            """);
    try (KubernetesClient poolClient = server.createClient();
        var pool =
            KubeWorkerPool.start(
                poolClient,
                new JobPodDefaults(ns, "", "", ""),
                WorkerMode.POD,
                2,
                "test-replica",
                dir.resolve("pool"),
                clock)) {

      Result r = brig("run", NAME, "-f", script.toString(), "--no-progress");

      assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
      Build build = onlyBuild();
      assertThat(r.out()).contains("job said: from the pool");
      assertThat(build.status().worker()).isEqualTo("pool/test-replica");
      assertThat(pool.started()).isEqualTo(1);
      assertThat(pods.podsSeen()).containsExactly("warm-" + build.id());
    }
  }

  @Test
  void buildLogsInitPrintsTheWorkersVcsSidecarLogMasked() throws Exception {
    var projects = new SecretProjectStore(client, ns);
    Project p = projects.find(NAME).orElseThrow();
    Map<String, String> data = new HashMap<>(p.data());
    data.put("vcsSidecar", "brigadecore/git-sidecar:latest");
    projects.replace(new Project(p.id(), p.name(), ns, data));
    Path script = script("console.log('no jobs');");
    assertThat(brig("run", NAME, "-f", script.toString()).exitCode()).isZero();
    Build build = onlyBuild();
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/"
                + ns
                + "/pods/"
                + build.workerName()
                + "/log?pretty=false&container=vcs-sidecar")
        .andReturn(200, "Cloning into '/vcs'...\ncredential: hello from a secret\n")
        .always();

    Result r = brig("build", "logs", build.id(), "--init");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith(
            "==========[  "
                + build.workerName()
                + " vcs-sidecar  ]==========\n"
                + "Cloning into '/vcs'...\ncredential: ***\n")
        .contains("no jobs")
        .doesNotContain("hello from a secret");
  }

  private Build onlyBuild() {
    List<Build> builds = new SecretBuildStore(client, ns, clock).list(Optional.empty());
    assertThat(builds).hasSize(1);
    return builds.getFirst();
  }
}
