package dev.kubeherd.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.controller.ControllerConfig;
import dev.kubeherd.controller.ControllerSetting;
import dev.kubeherd.core.model.WorkerMode;
import dev.kubeherd.gateway.admin.AdminToken;
import dev.kubeherd.gateway.github.GithubSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The kubeherd chart: what the processes get from the values, and what they may do. */
class KubeherdChartTest {
  private static final String CONTROLLER = "ci-kubeherd-controller";
  private static final String GATEWAY = "ci-kubeherd-gateway";
  private static final String POOL = "ci-kubeherd-worker-pool";
  private static final String POD = CONTROLLER + "-5d9c7-x2x4p";

  /** Controller settings the chart leaves alone: in a cluster the client finds the API itself. */
  private static final Set<ControllerSetting> NOT_SET_BY_THE_CHART =
      Set.of(ControllerSetting.KUBECONFIG, ControllerSetting.MASTER);

  /** Environment of every kubeherd container that is not a controller setting. */
  private static final Set<String> PROCESS_ENV = Set.of("HOME", "KUBEHERD_JAVA_OPTS");

  private static Container controller(Rendered r) {
    return Pods.container(r.named(Deployment.class, CONTROLLER));
  }

  private static ControllerConfig controllerConfig(Rendered r) {
    return ControllerConfig.fromEnv(Pods.resolvedEnv(controller(r), POD));
  }

  @Test
  void controllerEnvironmentSetsEveryControllerSettingByItsEnvName() {
    Set<String> names = Pods.env(controller(Charts.render(Charts.KUBEHERD).objects())).keySet();

    Set<String> settings =
        Arrays.stream(ControllerSetting.values())
            .filter(s -> !NOT_SET_BY_THE_CHART.contains(s))
            .map(ControllerSetting::env)
            .collect(Collectors.toSet());
    Set<String> notSettings = new HashSet<>(names);
    notSettings.removeAll(settings);
    assertThat(names).as("a setting the chart does not map").containsAll(settings);
    assertThat(notSettings).as("env that is no controller setting").isSubsetOf(PROCESS_ENV);
  }

  @Test
  void defaultControllerEnvironmentIsAcceptedByTheController() {
    ControllerConfig config = controllerConfig(Charts.render(Charts.KUBEHERD).objects());

    assertThat(config.namespace()).isEqualTo(Charts.NAMESPACE);
    assertThat(config.worker().image()).isEqualTo("ghcr.io/kubeherd/kubeherd:0.1.0");
    assertThat(config.worker().defaultCommand()).isEqualTo("kubeherd worker");
    assertThat(config.worker().workerServiceAccount()).isEqualTo("brigade-worker");
    assertThat(config.worker().projectServiceAccount()).isEqualTo("brigade-worker");
    assertThat(config.limits().maxRunning()).isEqualTo(10);
    assertThat(config.limits().maxRunningPerProject()).isEqualTo(5);
    assertThat(config.vacuum())
        .hasValueSatisfying(v -> assertThat(v.maxAge()).isEqualTo(Duration.ofHours(720)));
    assertThat(config.vacuumInterval()).isEqualTo(Duration.ofHours(1));
    assertThat(config.lease().name()).isEqualTo("kubeherd-controller");
    assertThat(config.lease().namespace()).isEqualTo(Charts.NAMESPACE);
    assertThat(config.lease().identity()).as("each replica stands as its pod").isEqualTo(POD);
    assertThat(config.workerMode()).isEqualTo(WorkerMode.POD);
  }

  @Test
  void productionValuesReachTheControllerAsItsSettings() {
    ControllerConfig config =
        controllerConfig(Charts.render(Charts.KUBEHERD).values("production.yaml").objects());

    assertThat(config.worker().image())
        .isEqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com/kubeherd-worker:0.1.0");
    assertThat(config.worker().pullPolicy()).isEqualTo("Always");
    assertThat(config.worker().resources().requestsCpu()).isEqualTo("250m");
    assertThat(config.worker().resources().limitsMemory()).isEqualTo("2Gi");
    assertThat(config.worker().defaultBuildStorageClass()).isEqualTo("gp3");
    assertThat(config.worker().defaultCacheStorageClass()).isEqualTo("efs");
    assertThat(config.limits().maxRunning()).isEqualTo(20);
    assertThat(config.limits().maxRunningPerProject()).isEqualTo(4);
    assertThat(config.vacuumInterval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(config.vacuum())
        .hasValueSatisfying(
            v -> {
              assertThat(v.maxAge()).isEqualTo(Duration.ofHours(168));
              assertThat(v.maxCount()).isEqualTo(500);
            });
    assertThat(config.lease().leaseDuration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.lease().renewDeadline()).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.lease().retryPeriod()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void disabledVacuumAndPoolModeReachTheController() {
    ControllerConfig config =
        controllerConfig(
            Charts.render(Charts.KUBEHERD)
                .values("single-controller-existing-secret.yaml")
                .objects());

    assertThat(config.vacuum()).isEmpty();
    assertThat(config.vacuumInterval()).isZero();
    assertThat(config.workerMode()).isEqualTo(WorkerMode.POOL);
    assertThat(config.limits().maxRunning()).isZero();
    assertThat(config.worker().projectServiceAccount()).isEqualTo("deployer");
    assertThat(config.worker().serviceAccountRegex()).isEqualTo("^(deployer|brigade-worker)$");
  }

  @Test
  void controllerRunsReplicasThatElectALeaderOnALeaseInItsNamespace() {
    Rendered r = Charts.render(Charts.KUBEHERD).objects();
    Deployment d = r.named(Deployment.class, CONTROLLER);

    assertThat(controller(r).getArgs()).containsExactly("controller");
    assertThat(d.getSpec().getReplicas()).isEqualTo(2);
    assertThat(d.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo(CONTROLLER);
    assertThat(
            r.named(PodDisruptionBudget.class, CONTROLLER)
                .getSpec()
                .getMaxUnavailable()
                .getIntVal())
        .isEqualTo(1);
    assertThat(rules(r.named(Role.class, CONTROLLER)))
        .anySatisfy(
            rule -> {
              assertThat(rule.getApiGroups()).containsExactly("coordination.k8s.io");
              assertThat(rule.getResources()).containsExactly("leases");
              assertThat(rule.getVerbs()).contains("get", "create", "update");
            });
    assertBound(r, CONTROLLER, CONTROLLER);
  }

  @Test
  void gatewayServesWebhooksHealthAndMetricsOnItsPort() {
    Rendered r = Charts.render(Charts.KUBEHERD).objects();
    Deployment d = r.named(Deployment.class, GATEWAY);
    Container c = Pods.container(d);
    Map<String, EnvVar> env = Pods.env(c);

    assertThat(c.getArgs()).containsExactly("gateway");
    assertThat(c.getPorts())
        .singleElement()
        .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(7746));
    assertThat(env.get("BRIGADE_GATEWAY_PORT").getValue()).isEqualTo("7746");
    assertThat(env.get(GithubSettings.EVENTS_ENV).getValue())
        .isEqualTo(GithubSettings.DEFAULT_EVENTS);
    assertThat(env.get(GithubSettings.AUTHORS_ENV).getValue())
        .isEqualTo(GithubSettings.DEFAULT_AUTHORS);
    assertThat(env.get(ControllerSetting.NAMESPACE.env()).getValue()).isEqualTo(Charts.NAMESPACE);
    assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/port", "7746")
        .containsEntry("prometheus.io/path", "/metrics");
    Service s = r.named(Service.class, GATEWAY);
    assertThat(s.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(s.getSpec().getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getPort()).isEqualTo(80);
              assertThat(p.getTargetPort().getStrVal()).isEqualTo("http");
            });
    assertThat(s.getSpec().getSelector()).isEqualTo(d.getSpec().getSelector().getMatchLabels());
    assertThat(r.all(Ingress.class)).as("the Ingress is optional").isEmpty();
  }

  @Test
  void ingressExposesOnlyTheWebhookRoutesOverTls() {
    Rendered r = Charts.render(Charts.KUBEHERD).values("production.yaml").objects();
    Ingress ingress = r.named(Ingress.class, GATEWAY);

    IngressRule rule = ingress.getSpec().getRules().get(0);
    assertThat(rule.getHost()).isEqualTo("ci.example.com");
    assertThat(rule.getHttp().getPaths())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getPath()).isEqualTo("/events/github");
              assertThat(p.getBackend().getService().getName()).isEqualTo(GATEWAY);
            });
    assertThat(ingress.getSpec().getTls())
        .singleElement()
        .satisfies(t -> assertThat(t.getSecretName()).isEqualTo("ci-example-com-tls"));
    assertThat(ingress.getMetadata().getAnnotations())
        .containsEntry("nginx.ingress.kubernetes.io/force-ssl-redirect", "true")
        .containsEntry("nginx.ingress.kubernetes.io/proxy-body-size", "25m");
  }

  @Test
  void gatewaySecretsAreReferencedFromASecretNeverWrittenIntoThePod() {
    Rendered r = Charts.render(Charts.KUBEHERD).values("production.yaml").objects();
    Secret secret = r.named(Secret.class, GATEWAY);
    Deployment d = r.named(Deployment.class, GATEWAY);
    Map<String, EnvVar> env = Pods.env(Pods.container(d));

    assertThat(decode(secret.getData().get("defaultSharedSecret"))).isEqualTo("s3cr3t-webhook");
    assertThat(decode(secret.getData().get("adminToken"))).isEqualTo("replay-token");
    for (String name : List.of(GithubSettings.DEFAULT_SECRET_ENV, AdminToken.ENV)) {
      assertThat(env.get(name).getValue()).as(name).isNull();
      assertThat(env.get(name).getValueFrom().getSecretKeyRef().getName()).isEqualTo(GATEWAY);
    }
    assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
        .as("a changed secret rolls the gateway")
        .containsKey("checksum/secret");
  }

  @Test
  void existingGatewaySecretIsReferencedAndNoneIsRendered() {
    Rendered r =
        Charts.render(Charts.KUBEHERD).values("single-controller-existing-secret.yaml").objects();
    Map<String, EnvVar> env = Pods.env(Pods.container(r.named(Deployment.class, GATEWAY)));

    assertThat(r.all(Secret.class)).isEmpty();
    assertThat(env.get(AdminToken.ENV).getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("kubeherd-gateway-secrets");
    assertThat(r.all(PodDisruptionBudget.class)).as("single replicas block no drain").isEmpty();
  }

  @Test
  void defaultGatewayHasNoSecretEnvironment() {
    Rendered r = Charts.render(Charts.KUBEHERD).objects();

    assertThat(Pods.env(Pods.container(r.named(Deployment.class, GATEWAY))))
        .doesNotContainKeys(GithubSettings.DEFAULT_SECRET_ENV, AdminToken.ENV);
    assertThat(r.all(Secret.class)).isEmpty();
  }

  @Test
  void workerServiceAccountGetsANamespacedRoleForJobsLogsAndVolumes() {
    Rendered r = Charts.render(Charts.KUBEHERD).objects();

    ServiceAccount sa = r.named(ServiceAccount.class, "brigade-worker");
    assertThat(sa.getAutomountServiceAccountToken()).isTrue();
    List<PolicyRule> rules = rules(r.named(Role.class, "ci-kubeherd-worker"));
    assertThat(rules).anySatisfy(rule -> assertThat(rule.getResources()).contains("pods/log"));
    assertThat(rules)
        .anySatisfy(
            rule -> {
              assertThat(rule.getResources()).contains("pods", "persistentvolumeclaims");
              assertThat(rule.getVerbs()).contains("create", "delete", "watch");
            });
    assertBound(r, "ci-kubeherd-worker", "brigade-worker");
  }

  @Test
  void existingWorkerServiceAccountIsBoundAndNamedToTheController() {
    Rendered r = Charts.render(Charts.KUBEHERD).values("brigade-v1-worker-settings.yaml").objects();

    assertThat(r.all(ServiceAccount.class))
        .extracting(sa -> sa.getMetadata().getName())
        .doesNotContain("pipeline-worker");
    assertBound(r, "ci-kubeherd-worker", "pipeline-worker");
    Map<String, String> env = Pods.resolvedEnv(controller(r), POD);
    assertThat(env)
        .containsEntry(ControllerSetting.WORKER_SERVICE_ACCOUNT.env(), "pipeline-worker")
        .containsEntry(ControllerSetting.WORKER_IMAGE.env(), "quay.io/acme/brigade-worker:v1.5.0")
        .containsEntry(ControllerSetting.WORKER_COMMAND.env(), "yarn -s start");
    assertThat(r.all(Deployment.class))
        .extracting(d -> d.getMetadata().getName())
        .containsExactly(CONTROLLER);
  }

  @Test
  void workerPoolIsOffByDefaultAndRunsAsTheWorkerWhenEnabled() {
    assertThat(Charts.render(Charts.KUBEHERD).objects().all(Deployment.class))
        .extracting(d -> d.getMetadata().getName())
        .containsExactlyInAnyOrder(CONTROLLER, GATEWAY);

    Rendered r = Charts.render(Charts.KUBEHERD).values("production.yaml").objects();
    Deployment pool = r.named(Deployment.class, POOL);
    Container c = Pods.container(pool);

    assertThat(pool.getSpec().getReplicas()).isEqualTo(3);
    assertThat(pool.getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo("brigade-worker");
    assertThat(c.getArgs()).containsExactly("worker-pool", "--scratch", "/scratch/builds");
    assertThat(Pods.resolvedEnv(c, "p"))
        .containsEntry("KUBEHERD_POOL_CAPACITY", "4")
        .containsEntry(ControllerSetting.NAMESPACE.env(), Charts.NAMESPACE)
        .containsEntry(ControllerSetting.WORKER_MODE.env(), "pod")
        .containsEntry(ControllerSetting.DEFAULT_BUILD_STORAGE_CLASS.env(), "gp3")
        .containsKey(ControllerSetting.PROJECT_SERVICE_ACCOUNT_REGEX.env());
    assertThat(c.getVolumeMounts()).extracting(m -> m.getMountPath()).contains("/scratch", "/tmp");
    assertThat(r.named(PodDisruptionBudget.class, POOL)).isNotNull();
  }

  @Test
  void imageDigestPinsTheKubeherdProcesses() {
    Rendered r = Charts.render(Charts.KUBEHERD).values("production.yaml").objects();

    assertThat(r.all(Deployment.class))
        .extracting(d -> Pods.container(d).getImage())
        .containsOnly(
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com/kubeherd@sha256:"
                + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  }

  @Test
  void ingressWithoutHostFailsNamingTheValue() {
    String error = Charts.render(Charts.KUBEHERD).set("gateway.ingress.enabled", "true").failure();

    assertThat(error).contains("gateway.ingress.host is required");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "controller.workerMode, thread, /controller/workerMode",
    "gateway.service.type, LoadBalancer, /gateway/service/type",
    "vacuum.age, 30 days, /vacuum/age",
    "controller.maxRunningBuilds, -1, /controller/maxRunningBuilds",
    "worker.tag, sha256:abc, /worker/tag",
    "controller.maxRunningBuild, 3, maxRunningBuild",
    "securityContext.runAsUser, 0, /securityContext/runAsUser",
  })
  void valueAgainstTheSchemaFailsNamingIt(String key, String value, String named) {
    String error = Charts.render(Charts.KUBEHERD).set(key, value).failure();

    assertThat(error)
        .contains("values don't meet the specifications of the schema")
        .contains(named);
  }

  private static List<PolicyRule> rules(Role role) {
    return role.getRules();
  }

  private static void assertBound(Rendered r, String role, String serviceAccount) {
    RoleBinding b = r.named(RoleBinding.class, role);
    assertThat(b.getRoleRef().getName()).isEqualTo(role);
    assertThat(b.getSubjects())
        .anySatisfy(
            s -> {
              assertThat(s.getKind()).isEqualTo("ServiceAccount");
              assertThat(s.getName()).isEqualTo(serviceAccount);
              assertThat(s.getNamespace()).isEqualTo(Charts.NAMESPACE);
            });
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), java.nio.charset.StandardCharsets.UTF_8);
  }
}
