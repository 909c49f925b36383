package dev.kubeherd.bench;

import dev.kubeherd.controller.ControllerApp;
import dev.kubeherd.controller.ControllerConfig;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.WorkerMode;
import dev.kubeherd.kube.store.SecretBuildStore;
import dev.kubeherd.kube.store.SecretProjectStore;
import dev.kubeherd.testsupport.kube.PodOutcome;
import dev.kubeherd.testsupport.kube.PodSimulator;
import dev.kubeherd.testsupport.kube.SimulatedPod;
import dev.kubeherd.testsupport.kube.WatchSafeDispatcher;
import dev.kubeherd.worker.kube.JobPodDefaults;
import dev.kubeherd.worker.kube.KubeWorkerPool;
import dev.kubeherd.worker.kube.WorkerPool;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Pool mode vs pod mode: event (build Secret created) → first job pod created, p50, in one run on
 * the fabric8 mock API server. Pod mode: the controller creates the worker pod and the simulator
 * starts a fresh JVM running the worker ({@link WorkerPodMain}) with the pod's environment — the
 * worker's own cold start, without the scheduling, image pull and container start a real cluster
 * adds (so pod mode's figure is a lower bound). Pool mode: a warm pool replica in this process.
 *
 * <p>Usage: {@code PoolVsPod [podSamples] [poolSamples]} (default 5 20).
 */
public final class PoolVsPod {
  private static final String SCRIPT =
      "const { events, Job } = require('brigadier');\n"
          + "events.on('exec', async () => { await new Job('first', 'alpine:3', ['true']).run(); });\n";

  public static void main(String[] args) throws Exception {
    int podSamples = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int poolSamples = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    KubernetesMockServer server = WatchSafeDispatcher.newCrudServer();
    server.init(InetAddress.getLoopbackAddress(), 0);
    Path work = Files.createTempDirectory("kubeherd-p5b");
    Path kubeconfig = kubeconfig(work, server);
    String ns = "bench";
    Clock clock = Clock.systemUTC();
    try (KubernetesClient client = server.createClient();
        PodSimulator pods =
            new PodSimulator(client, server, ns, work.resolve("pods"))
                .onWorkerPod(pod -> freshJvmWorker(pod, kubeconfig))) {
      SecretProjectStore projects = new SecretProjectStore(client, ns);
      projects.create(project("bench/pod", ns, "pod"));
      projects.create(project("bench/pool", ns, "pool"));
      SecretBuildStore builds = new SecretBuildStore(client, ns, clock);
      Map<String, Long> firstJob = new ConcurrentHashMap<>();
      SharedIndexInformer<Pod> jobs = watchJobs(client, ns, firstJob);
      pods.start();
      ControllerApp controller = controller(server, ns, clock);
      controller.start();
      WorkerPool pool =
          KubeWorkerPool.start(
              server.createClient(),
              new JobPodDefaults(ns, "", "", ""),
              WorkerMode.POD,
              4,
              "bench",
              work.resolve("pool"),
              clock);
      sample(builds, "bench/pool", 3, firstJob); // warm the pool up
      Stats pool1 = Stats.of(sample(builds, "bench/pool", poolSamples, firstJob));
      Stats pod1 = Stats.of(sample(builds, "bench/pod", podSamples, firstJob));
      pool.close();
      controller.close();
      jobs.close();
      System.out.println("### P5b pool mode vs pod mode: event → first job pod created");
      System.out.println();
      Stats.row("mode", "samples", "p50 (ms)", "min (ms)", "max (ms)");
      Stats.row("---", "---", "---", "---", "---");
      row("pod (fresh worker JVM per build)", pod1);
      row("pool (warm replica)", pool1);
      System.out.println();
      System.out.println(
          "pool p50 / pod p50 = " + Stats.pct(pool1.median() / pod1.median()) + " of pod mode");
    } finally {
      server.destroy();
    }
    System.exit(0);
  }

  private static void row(String name, Stats s) {
    Stats.row(
        name,
        String.valueOf(s.count()),
        Stats.f(s.median(), 0),
        Stats.f(s.min(), 0),
        Stats.f(s.max(), 0));
  }

  private static Project project(String name, String ns, String mode) {
    return new Project(
        ProjectIds.fromName(name),
        name,
        ns,
        Map.of("defaultScript", SCRIPT, "kubeherd.workerMode", mode));
  }

  private static List<Double> sample(
      SecretBuildStore builds, String project, int n, Map<String, Long> firstJob)
      throws InterruptedException {
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      String id =
          builds.create(BuildRequest.of(ProjectIds.fromName(project), "exec", "bench")).id();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!firstJob.containsKey(id)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no job pod for build " + id + " of " + project);
        }
        Thread.sleep(2);
      }
      ms.add((firstJob.get(id) - t0) / 1e6);
    }
    return ms;
  }

  private static SharedIndexInformer<Pod> watchJobs(
      KubernetesClient client, String ns, Map<String, Long> firstJob) {
    return client
        .pods()
        .inNamespace(ns)
        .withLabel("component", "job")
        .inform(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(Pod pod) {
                firstJob.putIfAbsent(pod.getMetadata().getLabels().get("build"), System.nanoTime());
              }

              @Override
              public void onUpdate(Pod before, Pod after) {}

              @Override
              public void onDelete(Pod pod, boolean unknown) {}
            },
            0);
  }

  private static ControllerApp controller(KubernetesMockServer server, String ns, Clock clock) {
    Map<String, String> env = new HashMap<>();
    env.put("BRIGADE_NAMESPACE", ns);
    env.put("KUBEHERD_VACUUM_INTERVAL", "0");
    env.put("KUBEHERD_LEASE_RETRY_PERIOD", "100ms");
    KubernetesClient own = server.createClient();
    return ControllerApp.onSecrets(ControllerConfig.fromEnv(env), own, clock);
  }

  private static Path kubeconfig(Path dir, KubernetesMockServer server) throws Exception {
    String url = "http://" + server.getHostName() + ":" + server.getPort();
    String text =
        "apiVersion: v1\nkind: Config\nclusters: [{name: mock, cluster: {server: \""
            + url
            + "\"}}]\ncontexts: [{name: mock, context: {cluster: mock, user: u, namespace: bench}}]\n"
            + "users: [{name: u, user: {token: t}}]\ncurrent-context: mock\n";
    return Files.writeString(dir.resolve("kubeconfig"), text, StandardCharsets.UTF_8);
  }

  /**
   * The worker pod as a fresh JVM on this jar, with the pod's env and a kubeconfig for the mock.
   */
  private static PodOutcome freshJvmWorker(SimulatedPod pod, Path kubeconfig) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    String jar =
        Path.of(PoolVsPod.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    List<String> cmd = new ArrayList<>(List.of(java));
    cmd.addAll(
        ProcessHandle.current().info().arguments().map(List::of).orElse(List.of()).stream()
            .filter(a -> a.startsWith("-X") || a.startsWith("--enable") || a.startsWith("--sun"))
            .toList());
    cmd.addAll(List.of("-cp", jar, WorkerPodMain.class.getName()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(pod.env());
    pod.mount("/vcs").ifPresent(d -> pb.environment().put("BRIGADE_WORKSPACE", d.toString()));
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new PodOutcome(p.waitFor(), out);
  }
}
