package dev.kubeherd.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The app chart's replica and autoscaling rules, its Service and Ingress, and the values it
 * refuses.
 */
class AppChartTest {
  private static final String RELEASE = "shop-web-3f2c1ab";

  private static Rendered production() {
    return Charts.render(Charts.APP).release(RELEASE).values("web-production.yaml").objects();
  }

  private static PodSpec pod(Rendered r) {
    return r.one(Deployment.class).getSpec().getTemplate().getSpec();
  }

  @Test
  void oneReplicaIsRefusedWithTheReasonAndTheWayOut() {
    String error = Charts.render(Charts.APP).set("replicaCount", 1).failure();

    assertThat(error)
        .contains("replicaCount is 1")
        .contains("at least 2 replicas")
        .contains("Set it to 2 or more")
        .contains("allowSingleReplica=true");
  }

  @Test
  void autoscalerMinimumOfOneIsRefused() {
    String error =
        Charts.render(Charts.APP)
            .set("autoscaling.enabled", true)
            .set("autoscaling.minReplicas", 1)
            .failure();

    assertThat(error).contains("autoscaling.minReplicas is 1").contains("allowSingleReplica=true");
  }

  @ParameterizedTest(name = "maxSurge={0}")
  @ValueSource(strings = {"0", "0%"})
  void noSurgeIsRefusedBecauseMaxUnavailableIsAlwaysZero(String surge) {
    String error = Charts.render(Charts.APP).set("deployment.maxSurge", surge).failure();

    assertThat(error)
        .contains("deployment.maxSurge is " + surge)
        .contains("maxUnavailable is always 0")
        .contains("set deployment.maxSurge to 1 or more");
  }

  @ParameterizedTest(name = "preStop {0}s, grace {1}s")
  @CsvSource({"30, 30", "60, 30"})
  void aPreStopSleepFillingTheGracePeriodIsRefused(int sleep, int grace) {
    String error =
        Charts.render(Charts.APP)
            .set("shutdown.preStopSleepSeconds", sleep)
            .set("shutdown.terminationGracePeriodSeconds", grace)
            .failure();

    assertThat(error)
        .contains(
            "shutdown.preStopSleepSeconds ("
                + sleep
                + ") must be less than shutdown.terminationGracePeriodSeconds ("
                + grace
                + ")");
  }

  @Test
  void aSurgeAndAPreStopSleepWithinTheGracePeriodRender() {
    Deployment d =
        Charts.render(Charts.APP)
            .set("deployment.maxSurge", "1")
            .set("shutdown.preStopSleepSeconds", 29)
            .set("shutdown.terminationGracePeriodSeconds", 30)
            .objects()
            .one(Deployment.class);

    assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal()).isEqualTo(1);
    assertThat(d.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
        .isEqualTo(30);
  }

  @Test
  void allowedSingleReplicaRendersWithoutADisruptionBudget() {
    Rendered r = Charts.render(Charts.APP).values("worker-single-replica.yaml").objects();

    assertThat(r.one(Deployment.class).getSpec().getReplicas()).isEqualTo(1);
    assertThat(r.all(PodDisruptionBudget.class))
        .as("a PDB over one pod blocks every drain")
        .isEmpty();
    assertThat(r.all(Service.class)).isEmpty();
    assertThat(pod(r).getContainers().get(0).getLifecycle()).as("preStopSleepSeconds 0").isNull();
  }

  @ParameterizedTest(name = "replicaCount={0}")
  @ValueSource(ints = {2, 3, 5})
  void replicatedAppAlwaysHasADisruptionBudgetOverItsPods(int replicas) {
    Rendered r = Charts.render(Charts.APP).set("replicaCount", replicas).objects();

    PodDisruptionBudget pdb = r.one(PodDisruptionBudget.class);
    assertThat(pdb.getApiVersion()).isEqualTo("policy/v1");
    assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(pdb.getSpec().getSelector().getMatchLabels())
        .isEqualTo(r.one(Deployment.class).getSpec().getSelector().getMatchLabels());
    assertThat(r.one(Deployment.class).getSpec().getReplicas()).isEqualTo(replicas);
  }

  @Test
  void loadBalancerServiceIsRefusedBySchema() {
    String error = Charts.render(Charts.APP).set("service.type", "LoadBalancer").failure();

    assertThat(error).contains("/service/type").contains("ClusterIP");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "probes.liveness.path, /, /probes/liveness/path",
    "antiAffinity, sometimes, /antiAffinity",
    "securityContext.runAsUser, 0, /securityContext/runAsUser",
    "replicas, 3, replicas",
    "component, Web, /component",
  })
  void valueAgainstTheSchemaFailsNamingIt(String key, String value, String named) {
    String error = Charts.render(Charts.APP).set(key, value).failure();

    assertThat(error)
        .contains("values don't meet the specifications of the schema")
        .contains(named);
  }

  @Test
  void serviceIsClusterIpAndIngressUsesNginxWithTlsRedirect() {
    Rendered r = production();
    Service s = r.one(Service.class);
    Ingress ingress = r.one(Ingress.class);

    assertThat(s.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(s.getSpec().getSelector())
        .isEqualTo(Map.of("app", "shop", "component", "web", "release", RELEASE));
    assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
    assertThat(ingress.getMetadata().getAnnotations())
        .containsEntry("nginx.ingress.kubernetes.io/force-ssl-redirect", "true")
        .containsEntry("nginx.ingress.kubernetes.io/proxy-body-size", "10m");
    assertThat(ingress.getSpec().getTls())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.getSecretName()).isEqualTo(RELEASE + "-tls");
              assertThat(t.getHosts()).containsExactly("shop.example.com", "www.shop.example.com");
            });
    assertThat(ingress.getSpec().getRules())
        .extracting(rule -> rule.getHost() + rule.getHttp().getPaths().get(0).getPath())
        .containsExactly("shop.example.com/", "www.shop.example.com/");
    assertThat(
            ingress
                .getSpec()
                .getRules()
                .get(0)
                .getHttp()
                .getPaths()
                .get(0)
                .getBackend()
                .getService()
                .getName())
        .isEqualTo(s.getMetadata().getName());
  }

  @Test
  void autoscalerReplacesTheReplicaCount() {
    Rendered r = production();
    HorizontalPodAutoscaler hpa = r.one(HorizontalPodAutoscaler.class);

    assertThat(r.one(Deployment.class).getSpec().getReplicas())
        .as("the HPA owns the replicas")
        .isNull();
    assertThat(hpa.getApiVersion()).isEqualTo("autoscaling/v2");
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(3);
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(12);
    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(RELEASE);
    assertThat(hpa.getSpec().getMetrics())
        .extracting(
            m ->
                m.getResource().getName()
                    + "="
                    + m.getResource().getTarget().getAverageUtilization())
        .containsExactlyInAnyOrder("cpu=60", "memory=80");
    assertThat(r.one(PodDisruptionBudget.class).getSpec().getMaxUnavailable().getStrVal())
        .isEqualTo("25%");
  }

  @Test
  void autoscalerWithoutTargetOrWithMaxBelowMinIsRefused() {
    assertThat(
            Charts.render(Charts.APP)
                .set("autoscaling.enabled", true)
                .set("autoscaling.targetCPUUtilizationPercentage", 0)
                .failure())
        .contains("autoscaling.enabled needs a target");
    assertThat(
            Charts.render(Charts.APP)
                .set("autoscaling.enabled", true)
                .set("autoscaling.minReplicas", 4)
                .set("autoscaling.maxReplicas", 3)
                .failure())
        .contains("autoscaling.maxReplicas (3) is below autoscaling.minReplicas (4)");
  }

  @Test
  void imageLabelsAndIdentityFollowTheReleaseConventions() {
    Rendered r = production();
    Deployment d = r.one(Deployment.class);

    assertThat(pod(r).getContainers().get(0).getImage())
        .isEqualTo(
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web@sha256:"
                + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("app", "shop")
        .containsEntry("component", "web")
        .containsEntry("release", RELEASE)
        .containsEntry("commit", "3f2c1ab")
        .containsEntry("app.kubernetes.io/version", "3f2c1ab");
    assertThat(d.getSpec().getSelector().getMatchLabels()).doesNotContainKey("commit");
    assertThat(r.one(ServiceAccount.class).getMetadata().getAnnotations())
        .containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/shop-web");
    Rendered api = Charts.render(Charts.APP).values("api-fixed-replicas.yaml").objects();
    assertThat(pod(api).getContainers().get(0).getImage())
        .as("image derived from registry, app, component and commit")
        .isEqualTo("registry.internal.example/billing/api:9d8e7f6");
  }

  @Test
  void ingressWithoutServiceOrHostsIsRefused() {
    assertThat(Charts.render(Charts.APP).set("ingress.enabled", true).failure())
        .contains("ingress.enabled needs at least one entry in ingress.hosts");
    assertThat(
            Charts.render(Charts.APP)
                .set("ingress.enabled", true)
                .set("ingress.hosts[0].host", "a.example.com")
                .set("service.enabled", false)
                .failure())
        .contains("ingress.enabled needs service.enabled");
  }
}
