package dev.kubeherd.cli.ops;

import static dev.kubeherd.cli.ops.ChartObjects.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.CliHarness;
import dev.kubeherd.cli.CliHarness.Result;
import dev.kubeherd.cli.KubeTestBackend;
import dev.kubeherd.core.Json;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code brig check} in Kubernetes mode on the mock API server (CRUD): the chart's Deployments
 * found by their labels, a line per component with ready/desired replicas, the vacuum as the
 * controller runs it, exit 1 naming what to look at.
 */
@EnableMockKube
class CheckCommandMockKubeTest {
  static KubernetesClient client;
  static KubernetesMockServer server;
  static final AtomicInteger NAMESPACES = new AtomicInteger();
  static final Map<String, String> VACUUM_ENV =
      Map.of("KUBEHERD_VACUUM_INTERVAL", "1h", "VACUUM_AGE", "720h", "VACUUM_MAX_BUILDS", "-1");

  @TempDir Path dir;
  String ns;
  BrigApp app;

  @BeforeEach
  void namespace() {
    ns = "check-" + NAMESPACES.incrementAndGet();
    Clock clock = Clock.systemUTC();
    app = new BrigApp(KubeTestBackend.on(client, ns, clock), clock, Map.of());
  }

  Result check(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "-n";
    all[1] = ns;
    all[2] = "check";
    System.arraycopy(args, 0, all, 3, args.length);
    return new CliHarness(dir).brig(app, all);
  }

  @Test
  void readyControllerAndGatewayPassWithTheirReplicasAndTheControllersVacuum() {
    deployment(client, ns, "controller", 2, 2, VACUUM_ENV);
    deployment(client, ns, "gateway", 2, 2, Map.of());

    Result r = check();

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            ✔️ controller kubeherd-controller: 2/2 replicas ready
            ✔️ gateway kubeherd-gateway: 2/2 replicas ready
            ✔️ vacuum kubeherd-controller: run by the controller every 1h, VACUUM_AGE=720h,\
             VACUUM_MAX_BUILDS=-1
            ✔️ store: 0 project(s); every project and build Secret can be read
            """);
  }

  @Test
  void aGatewayWithUnreadyReplicasFailsNamingTheDeploymentToLookAt() {
    deployment(client, ns, "controller", 1, 1, VACUUM_ENV);
    deployment(client, ns, "gateway", 2, 1, Map.of());

    Result r = check();

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("❌ gateway kubeherd-gateway: 1/2 replicas ready");
    assertThat(r.err())
        .contains("not ready in namespace " + ns + ": gateway")
        .contains("kubectl -n " + ns + " describe deployment kubeherd-gateway");
  }

  @Test
  void aNamespaceWithoutKubeherdSaysWhichLabelsItLookedFor() {
    Result r = check();

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "❌ controller: no Deployment labelled app.kubernetes.io/part-of=kubeherd,"
                + "app.kubernetes.io/component=controller in namespace "
                + ns)
        .contains("❌ gateway: no Deployment labelled")
        .contains("❌ vacuum: the controller runs the vacuum, and there is no controller");
    assertThat(r.err()).contains("install the kubeherd chart in this namespace, or pass -n");
  }

  @Test
  void aVacuumTurnedOffOnTheControllerIsShownAsOffAndPasses() {
    deployment(client, ns, "controller", 1, 1, Map.of("KUBEHERD_VACUUM_INTERVAL", "0"));
    deployment(client, ns, "gateway", 1, 1, Map.of());

    Result r = check();

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("✔️ controller kubeherd-controller: 1/1 replicas ready")
        .contains("– vacuum kubeherd-controller: off (KUBEHERD_VACUUM_INTERVAL=0")
        .contains("vacuum.enabled=false");
  }

  @Test
  void aGatewayTurnedOffByTheChartIsShownAsOffWithAHintAndPasses() {
    deployment(client, ns, "controller", 1, 1, VACUUM_ENV);

    Result r = check();

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("– gateway: off (no gateway Deployment or Service")
        .contains("upgrade the release with gateway.enabled=true");
  }

  @Test
  void aGatewayServiceWithoutItsDeploymentFailsAsMissing() {
    deployment(client, ns, "controller", 1, 1, VACUUM_ENV);
    ChartObjects.gatewayService(client, ns, new IntOrString("http"));

    Result r = check();

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("❌ gateway: no Deployment labelled");
    assertThat(r.err()).contains("not ready in namespace " + ns + ": gateway");
  }

  @Test
  void aWorkerPoolScaledToZeroIsShownAsOffAndPasses() throws Exception {
    deployment(client, ns, "controller", 1, 1, VACUUM_ENV);
    deployment(client, ns, "gateway", 1, 1, Map.of());
    deployment(client, ns, "worker-pool", 0, 0, Map.of());

    Result r = check();
    Result json = check("-o", "json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("– worker-pool kubeherd-worker-pool: off (scaled to 0 replicas)");
    JsonNode pool = Json.MAPPER.readTree(json.out()).get(2);
    assertThat(pool.get("component").asString()).isEqualTo("worker-pool");
    assertThat(pool.get("ok").asBoolean()).isTrue();
    assertThat(pool.get("off").asBoolean()).isTrue();
  }

  @Test
  void aWorkerPoolScaledToZeroFailsWhenTheControllerSendsBuildsToThePool() {
    deployment(client, ns, "controller", 1, 1, poolModeEnv());
    deployment(client, ns, "gateway", 1, 1, Map.of());
    deployment(client, ns, "worker-pool", 0, 0, Map.of());

    Result r = check();

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "❌ worker-pool kubeherd-worker-pool: scaled to 0 replicas, but controller"
                + " kubeherd-controller has KUBEHERD_WORKER_MODE=pool")
        .contains("they stay Pending: scale the pool up")
        .contains("controller.workerMode=pod");
    assertThat(r.err()).contains("worker-pool");
  }

  @Test
  void noWorkerPoolFailsWhenTheControllerSendsBuildsToThePool() {
    deployment(client, ns, "controller", 1, 1, poolModeEnv());
    deployment(client, ns, "gateway", 1, 1, Map.of());

    Result r = check();

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out())
        .contains("❌ worker-pool: no worker-pool Deployment in namespace " + ns)
        .contains("workerPool.enabled=true");
  }

  private static Map<String, String> poolModeEnv() {
    Map<String, String> env = new java.util.HashMap<>(VACUUM_ENV);
    env.put("KUBEHERD_WORKER_MODE", "pool");
    return env;
  }

  @Test
  void aDeployedWorkerPoolIsCheckedToo() {
    deployment(client, ns, "controller", 1, 1, VACUUM_ENV);
    deployment(client, ns, "gateway", 1, 1, Map.of());
    deployment(client, ns, "worker-pool", 2, 0, Map.of());

    Result r = check();

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("❌ worker-pool kubeherd-worker-pool: 0/2 replicas ready");
  }

  @Test
  void jsonOutputHasOneObjectPerCheckWithReplicas() throws Exception {
    deployment(client, ns, "controller", 1, 1, VACUUM_ENV);
    deployment(client, ns, "gateway", 3, 3, Map.of());

    Result r = check("-o", "json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode checks = Json.MAPPER.readTree(r.out());
    assertThat(checks).hasSize(4);
    JsonNode gateway = checks.get(1);
    assertThat(gateway.get("component").asString()).isEqualTo("gateway");
    assertThat(gateway.get("name").asString()).isEqualTo("kubeherd-gateway");
    assertThat(gateway.get("ok").asBoolean()).isTrue();
    assertThat(gateway.get("ready").asInt()).isEqualTo(3);
    assertThat(gateway.get("desired").asInt()).isEqualTo(3);
    assertThat(checks.get(2).get("component").asString()).isEqualTo("vacuum");
    assertThat(checks.get(2).has("ready")).isFalse();
    assertThat(checks.get(3).get("component").asString()).isEqualTo("store");
  }

  @Test
  void projectAndBuildSecretsThatCannotBeReadFailTheCheckNamingThem() {
    deployment(client, ns, "controller", 1, 1, VACUUM_ENV);
    deployment(client, ns, "gateway", 1, 1, Map.of());
    DamagedSecrets.project(client, ns, "brigade-damaged");
    DamagedSecrets.build(client, ns, "01damagedbuild", "brigade-damaged");

    Result r = check();

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out())
        .contains("❌ store: 0 readable project(s); ")
        .contains("1 project Secret(s) cannot be read: Secret " + ns + "/brigade-damaged")
        .contains("1 build(s) cannot be read: Secret " + ns + "/brigade-worker-01damagedbuild")
        .contains("kubectl edit secret");
    assertThat(r.err())
        .contains("not ready in namespace " + ns + ": store")
        .contains("'brig build delete --force ID'")
        .doesNotContain("install the kubeherd chart");
  }
}
