package dev.kubeherd.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The app chart's pods: spread, probes, resources, restricted security, config and policies. */
class AppChartPodTest {
  private static final String RELEASE = "shop-web-3f2c1ab";

  private static Rendered production() {
    return Charts.render(Charts.APP).release(RELEASE).values("web-production.yaml").objects();
  }

  private static PodSpec pod(Rendered r) {
    return r.one(Deployment.class).getSpec().getTemplate().getSpec();
  }

  @Test
  void defaultsRunTwoReplicasSpreadOverNodesAndZones() {
    Rendered r = Charts.render(Charts.APP).release(RELEASE).set("app", "shop").objects();
    Deployment d = r.one(Deployment.class);
    PodSpec pod = d.getSpec().getTemplate().getSpec();

    assertThat(d.getSpec().getReplicas()).isEqualTo(2);
    var preferred =
        pod.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution();
    assertThat(preferred)
        .singleElement()
        .satisfies(
            term -> {
              assertThat(term.getWeight()).isEqualTo(100);
              assertThat(term.getPodAffinityTerm().getTopologyKey())
                  .isEqualTo("kubernetes.io/hostname");
              assertThat(term.getPodAffinityTerm().getLabelSelector().getMatchLabels())
                  .isEqualTo(Map.of("app", "shop", "component", "web"));
            });
    assertThat(pod.getTopologySpreadConstraints())
        .extracting(TopologySpreadConstraint::getTopologyKey)
        .containsExactly("topology.kubernetes.io/zone", "kubernetes.io/hostname");
    assertThat(pod.getTopologySpreadConstraints())
        .allSatisfy(
            c -> {
              assertThat(c.getMaxSkew()).isEqualTo(1);
              assertThat(c.getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
              assertThat(c.getMatchLabelKeys()).containsExactly("pod-template-hash");
              assertThat(c.getLabelSelector().getMatchLabels())
                  .isEqualTo(Map.of("app", "shop", "component", "web"));
            });
    assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
        .isZero();
    assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getStrVal())
        .isEqualTo("25%");
  }

  @Test
  void hardAntiAffinityRequiresDifferentNodes() {
    PodSpec pod = pod(production());

    var required =
        pod.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
    assertThat(required)
        .singleElement()
        .satisfies(t -> assertThat(t.getTopologyKey()).isEqualTo("kubernetes.io/hostname"));
    assertThat(
            pod.getAffinity()
                .getPodAntiAffinity()
                .getPreferredDuringSchedulingIgnoredDuringExecution())
        .isNullOrEmpty();
  }

  @Test
  void olderClustersGetNoMatchLabelKeysAndAnExecPreStop() {
    Rendered current = Charts.render(Charts.APP).objects();
    Rendered old = Charts.render(Charts.APP).kubeVersion("1.26.0").objects();

    assertThat(
            pod(current).getContainers().get(0).getLifecycle().getPreStop().getSleep().getSeconds())
        .isEqualTo(5L);
    Container oldContainer = pod(old).getContainers().get(0);
    assertThat(oldContainer.getLifecycle().getPreStop().getExec().getCommand())
        .containsExactly("sleep", "5");
    assertThat(pod(old).getTopologySpreadConstraints())
        .allSatisfy(c -> assertThat(c.getMatchLabelKeys()).isNullOrEmpty());
  }

  @Test
  void probesComeFromValuesAndLivenessIsNotTheRootPath() {
    Container c = pod(production()).getContainers().get(0);

    assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/up");
    assertThat(c.getStartupProbe().getFailureThreshold()).isEqualTo(120);
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/up").isNotEqualTo("/");
    assertThat(c.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(c.getPorts())
        .singleElement()
        .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(3000));
  }

  @Test
  void memoryLimitIsTheRequestAndCpuLimitOnlyWhenAsked() {
    Container prod = pod(production()).getContainers().get(0);
    Container defaults = pod(Charts.render(Charts.APP).objects()).getContainers().get(0);

    assertThat(prod.getResources().getRequests())
        .containsEntry("cpu", new Quantity("500m"))
        .containsEntry("memory", new Quantity("1Gi"));
    assertThat(prod.getResources().getLimits())
        .containsEntry("memory", new Quantity("1Gi"))
        .containsEntry("cpu", new Quantity("2"));
    assertThat(defaults.getResources().getLimits())
        .containsOnlyKeys("memory")
        .containsEntry("memory", new Quantity("256Mi"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "resources.requests, null, /resources",
    "resources.requests.cpu, '', /resources/requests/cpu",
    "resources.requests.memory, null, /resources/requests",
  })
  void missingRequestsAreRefusedBySchema(String key, String value, String named) {
    String error = Charts.render(Charts.APP).set(key, value).failure();

    assertThat(error)
        .contains("values don't meet the specifications of the schema")
        .contains(named);
  }

  @Test
  void podRunsRestrictedWithWritableScratchOnly() {
    PodSpec pod = pod(production());
    Container c = pod.getContainers().get(0);

    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
    assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(10001L);
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getVolumeMounts())
        .extracting(m -> m.getMountPath())
        .containsExactly("/tmp", "/app/tmp", "/app/log");
    assertThat(pod.getVolumes()).allSatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());
    assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(60L);
    assertThat(c.getLifecycle().getPreStop().getSleep().getSeconds()).isEqualTo(10L);
    assertThat(pod.getPriorityClassName()).isEqualTo("production-high");
  }

  @Test
  void envLivesInAConfigMapWhoseChecksumRollsThePods() {
    Rendered r = production();
    ConfigMap env = r.one(ConfigMap.class);
    Deployment d = r.one(Deployment.class);

    assertThat(env.getData())
        .containsEntry("RAILS_ENV", "production")
        .containsEntry("WEB_CONCURRENCY", "2");
    assertThat(pod(r).getContainers().get(0).getEnvFrom())
        .extracting(
            e ->
                e.getConfigMapRef() != null
                    ? e.getConfigMapRef().getName()
                    : e.getSecretRef().getName())
        .containsExactly(RELEASE + "-env", "shop-web-secrets");
    String checksum =
        d.getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
    String changed =
        Charts.render(Charts.APP)
            .release(RELEASE)
            .values("web-production.yaml")
            .set("env.RAILS_ENV", "staging")
            .objects()
            .one(Deployment.class)
            .getSpec()
            .getTemplate()
            .getMetadata()
            .getAnnotations()
            .get("checksum/config");
    assertThat(checksum).hasSize(64).isNotEqualTo(changed);
  }

  @Test
  void networkPolicyAdmitsIngressControllerNamespaceAndMonitoringToTheHttpPort() {
    NetworkPolicy np = production().one(NetworkPolicy.class);

    assertThat(np.getSpec().getPodSelector().getMatchLabels())
        .containsEntry("app", "shop")
        .containsEntry("component", "web");
    assertThat(np.getSpec().getIngress())
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.getPorts())
                  .singleElement()
                  .satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("http"));
              assertThat(rule.getFrom())
                  .extracting(
                      f ->
                          f.getNamespaceSelector() == null
                              ? "same namespace"
                              : f.getNamespaceSelector()
                                  .getMatchLabels()
                                  .get("kubernetes.io/metadata.name"))
                  .containsExactly("same namespace", "ingress-nginx", "monitoring");
            });
  }

  @Test
  void withoutRestrictedEgressThePolicyLeavesOutgoingTrafficAlone() {
    NetworkPolicy np = production().one(NetworkPolicy.class);

    assertThat(np.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(np.getSpec().getEgress()).isEmpty();
  }

  @Test
  void restrictedEgressAllowsDnsAndTheAllowListOnly(@TempDir Path tmp) throws IOException {
    Path egress =
        Files.writeString(
            tmp.resolve("egress.yaml"),
            """
            networkPolicy:
              egress:
                restrict: true
                allow:
                  - cidr: 10.20.0.0/16
                    ports: [5432, 6379]
                  - cidr: 192.0.2.10/32
            """);

    NetworkPolicy np =
        Charts.render(Charts.APP)
            .release(RELEASE)
            .values("web-production.yaml")
            .values(egress)
            .objects()
            .one(NetworkPolicy.class);

    assertThat(np.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    assertThat(np.getSpec().getEgress())
        .extracting(
            rule ->
                rule.getTo().stream()
                        .map(
                            peer ->
                                peer.getIpBlock() != null
                                    ? peer.getIpBlock().getCidr()
                                    : peer.getNamespaceSelector()
                                            .getMatchLabels()
                                            .get("kubernetes.io/metadata.name")
                                        + "/"
                                        + peer.getPodSelector().getMatchLabels().get("k8s-app"))
                        .toList()
                    + " "
                    + rule.getPorts().stream()
                        .map(p -> p.getProtocol() + ":" + p.getPort().getIntVal())
                        .toList())
        .containsExactly(
            "[kube-system/kube-dns] [UDP:53, TCP:53]",
            "[10.20.0.0/16] [TCP:5432, TCP:6379]",
            "[192.0.2.10/32] []");
  }

  @Test
  void restrictedEgressWithoutTheNetworkPolicyIsRefused() {
    String error =
        Charts.render(Charts.APP)
            .release(RELEASE)
            .values("web-production.yaml")
            .set("networkPolicy.enabled", false)
            .set("networkPolicy.egress.restrict", true)
            .failure();

    assertThat(error).contains("networkPolicy.egress.restrict needs networkPolicy.enabled: true");
  }

  @Test
  void migrationsRunAsAPreUpgradeHookJob() {
    assertThat(production().all(Job.class))
        .as("hooks are not part of the release manifest")
        .isEmpty();

    Job job =
        Charts.renderWithHooks(Charts.APP)
            .release(RELEASE)
            .values("web-production.yaml")
            .objects()
            .one(Job.class);

    assertThat(job.getMetadata().getAnnotations())
        .containsEntry(Charts.HOOK_IN_COPY, "pre-install,pre-upgrade")
        .containsEntry(
            Charts.HOOK_IN_COPY + "-delete-policy", "before-hook-creation,hook-succeeded");
    Container c = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(c.getCommand()).containsExactly("bundle", "exec", "rails", "db:migrate");
    assertThat(c.getImage()).isEqualTo(pod(production()).getContainers().get(0).getImage());
    assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
  }
}
