package dev.kubeherd.bench;

import dev.kubeherd.controller.ControllerApp;
import dev.kubeherd.controller.ControllerConfig;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.kube.store.SecretBuildStore;
import dev.kubeherd.kube.store.SecretProjectStore;
import dev.kubeherd.testsupport.kube.WatchSafeDispatcher;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.InetAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * P5: controller dispatch against the fabric8 mock API server (CRUD mode) on loopback. Three
 * measurements in one run:
 *
 * <ol>
 *   <li><b>baseline</b>: the same client creating {@code n} bare pods from 8 threads, the API
 *       server's own pod creation rate here;
 *   <li><b>burst</b>: {@code n} build Secrets created at once (8 threads), one controller with no
 *       concurrency limit; builds/s from the first Secret to the last worker pod, and the latency
 *       of each build from its Secret's creation to its worker pod appearing in a pod watch;
 *   <li><b>steady</b>: builds created at 10/s; latency p50/p99.
 * </ol>
 *
 * Usage: {@code ControllerDispatch [n] [steadyBuilds]} (default 1000 200).
 */
public final class ControllerDispatch {
  private static final String NAME = "bench/p5";

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int steady = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    KubernetesMockServer server = WatchSafeDispatcher.newCrudServer();
    server.init(InetAddress.getLoopbackAddress(), 0);
    try (KubernetesClient client = server.createClient()) {
      double baseline = rawPods(client, "baseline", n);
      Run burst = dispatch(server, client, "burst", n, 0);
      Run slow = dispatch(server, client, "steady", steady, 100);
      report(n, baseline, burst, slow);
    } finally {
      server.destroy();
    }
    System.exit(0);
  }

  private static double rawPods(KubernetesClient client, String ns, int n) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      int k = i;
      pool.submit(
          () ->
              client
                  .pods()
                  .inNamespace(ns)
                  .resource(
                      new PodBuilder()
                          .withNewMetadata()
                          .withName("raw-" + k)
                          .endMetadata()
                          .withNewSpec()
                          .addNewContainer()
                          .withName("c")
                          .withImage("busybox")
                          .endContainer()
                          .endSpec()
                          .build())
                  .create());
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.MINUTES);
    return n / ((System.nanoTime() - t0) / 1e9);
  }

  record Run(double buildsPerSecond, Stats latencyMs) {}

  /** Creates {@code n} builds ({@code gapMs} apart, or all at once) and waits for their pods. */
  private static Run dispatch(
      KubernetesMockServer server, KubernetesClient client, String ns, int n, long gapMs)
      throws Exception {
    Clock clock = Clock.systemUTC();
    String project = ProjectIds.fromName(NAME);
    new SecretProjectStore(client, ns).create(new Project(project, NAME, ns, Map.of()));
    SecretBuildStore builds = new SecretBuildStore(client, ns, clock);
    Map<String, Long> created = new ConcurrentHashMap<>();
    Map<String, Long> seen = new ConcurrentHashMap<>();
    CountDownLatch allSeen = new CountDownLatch(n);
    SharedIndexInformer<Pod> watch =
        client
            .pods()
            .inNamespace(ns)
            .withLabel("component", "build")
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Pod pod) {
                    if (seen.putIfAbsent(
                            pod.getMetadata().getLabels().get("build"), System.nanoTime())
                        == null) {
                      allSeen.countDown();
                    }
                  }

                  @Override
                  public void onUpdate(Pod before, Pod after) {}

                  @Override
                  public void onDelete(Pod pod, boolean unknown) {}
                },
                0);
    Map<String, String> env = new HashMap<>();
    env.put("BRIGADE_NAMESPACE", ns);
    env.put("KUBEHERD_MAX_RUNNING_BUILDS", "0");
    env.put("KUBEHERD_MAX_RUNNING_BUILDS_PER_PROJECT", "0");
    env.put("KUBEHERD_VACUUM_INTERVAL", "0");
    env.put("KUBEHERD_LEASE_RETRY_PERIOD", "100ms");
    KubernetesClient own = server.createClient();
    ControllerApp controller = ControllerApp.onSecrets(ControllerConfig.fromEnv(env), own, clock);
    controller.start();
    while (!controller.controller().isDispatching()) {
      Thread.sleep(10);
    }
    ExecutorService creators = Executors.newFixedThreadPool(gapMs == 0 ? 8 : 1);
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      creators.submit(
          () -> {
            long before = System.nanoTime();
            String id = builds.create(BuildRequest.of(project, "exec", "bench")).id();
            created.put(id, before);
          });
      if (gapMs > 0) {
        Thread.sleep(gapMs);
      }
    }
    creators.shutdown();
    if (!allSeen.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException(ns + ": only " + seen.size() + " of " + n + " pods appeared");
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long[] latencies =
        created.entrySet().stream().mapToLong(e -> seen.get(e.getKey()) - e.getValue()).toArray();
    // let the watches drain first: the mock server blocks its event loop while a closed watch's
    // backlog is flushed, which would stall the next phase
    Thread.sleep(3000);
    watch.close();
    controller.close();
    own.close();
    return new Run(n / seconds, Stats.ofNanosAsMillis(latencies));
  }

  private static void report(int n, double baseline, Run burst, Run steady) {
    System.out.println("### P5 controller dispatch (mock API server, one controller)");
    System.out.println();
    Stats.row("measure", "value", "target");
    Stats.row("---", "---", "---");
    Stats.row("baseline: raw pod creates/s (8 threads)", Stats.f(baseline, 0), "—");
    Stats.row(
        "burst: " + n + " build Secrets → worker pods, builds/s",
        Stats.f(burst.buildsPerSecond(), 1),
        "≥ 35");
    Stats.row("burst vs raw pod creates", Stats.pct(burst.buildsPerSecond() / baseline), "—");
    Stats.row(
        "burst: Secret → pod latency p50 / p99 (ms)",
        Stats.f(burst.latencyMs().median(), 0)
            + " / "
            + Stats.f(burst.latencyMs().percentile(99), 0),
        "—");
    Stats.row(
        "steady 10 builds/s: latency p50 / p99 (ms)",
        Stats.f(steady.latencyMs().median(), 1)
            + " / "
            + Stats.f(steady.latencyMs().percentile(99), 1),
        "p99 < 100");
  }
}
