package dev.kubeherd.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kubeherd.controller.ControllerApp;
import dev.kubeherd.controller.ControllerConfig;
import dev.kubeherd.controller.WorkerPodFactory;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.core.service.ResyncScheduler;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import dev.kubeherd.kube.brigade.KubeherdAnnotations;
import dev.kubeherd.kube.store.SecretBuildStore;
import dev.kubeherd.kube.store.SecretProjectStore;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The kubeherd chart's controller Role against what the controller really does: the controller,
 * configured from the chart's rendered environment, runs on the mock API server (CRUD) as the
 * leader (election and lease renewals, dispatching a build into a worker pod, a vacuum run deleting
 * a finished build with its pods, Secrets, log ConfigMap and storage PVC, a periodic resync storing
 * a build), and every request it sent must be allowed by the rendered Role; on a real cluster any
 * other request is refused with 403.
 */
@EnableKubernetesMockClient(crud = true)
class ControllerRoleMockKubeTest {
  static KubernetesClient client;
  static KubernetesMockServer server;

  private static final String CONTROLLER = "ci-kubeherd-controller";
  private static final String POD = CONTROLLER + "-5d9c7-x2x4p";
  private static final String AGENT = "controller-under-test";

  @Test
  void everyRequestOfTheLeadingControllerIsAllowedByItsRole() throws Exception {
    Rendered chart = Charts.render(Charts.KUBEHERD).objects();
    String ns = chart.namespace();
    SecretProjectStore projects = new SecretProjectStore(client, ns);
    SecretBuildStore builds = new SecretBuildStore(client, ns, Clock.systemUTC());
    String projectId = ProjectIds.fromName("your-org/your-cluster-repo");
    projects.create(
        new Project(
            projectId,
            "your-org/your-cluster-repo",
            ns,
            Map.of(ProjectKeys.RESYNC_INTERVAL, "6h")));
    Build old = finishedBuildWithLeftovers(builds, projectId, ns);
    Build pending = builds.create(BuildRequest.of(projectId, "exec", "brigade-cli"));

    List<ApiCall> calls;
    try (KubernetesClient own = clientNamed(AGENT);
        ControllerApp controller = ControllerApp.onSecrets(config(chart), own, Clock.systemUTC())) {
      controller.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> controller.election().isLeader());
      Instant firstRenewal = renewTime(ns);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(renewTime(ns)).as("lease renewed").isAfter(firstRenewal);
                assertThat(builds.find(old.id())).as("vacuumed").isEmpty();
                assertThat(client.persistentVolumeClaims().inNamespace(ns).list().getItems())
                    .as("storage PVC vacuumed")
                    .isEmpty();
                assertThat(client.pods().inNamespace(ns).withName(pending.workerName()).get())
                    .as("worker pod")
                    .isNotNull();
                assertThat(builds.list(Optional.of(projectId)))
                    .as("resync build")
                    .anyMatch(b -> b.request().type().equals(ResyncScheduler.EVENT));
              });
      // a worker container waiting on its config: the controller notes the wait on the pod
      client
          .pods()
          .inNamespace(ns)
          .withName(pending.workerName())
          .editStatus(
              p ->
                  new PodBuilder(p)
                      .withNewStatus()
                      .withPhase("Pending")
                      .addNewContainerStatus()
                      .withName(WorkerPodFactory.RUNNER)
                      .withNewState()
                      .withNewWaiting()
                      .withReason("CreateContainerConfigError")
                      .withMessage("secret \"brigade-x\" not found")
                      .endWaiting()
                      .endState()
                      .endContainerStatus()
                      .endStatus()
                      .build());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  client
                      .pods()
                      .inNamespace(ns)
                      .withName(pending.workerName())
                      .get()
                      .getMetadata()
                      .getAnnotations(),
              a -> a != null && a.containsKey(KubeherdAnnotations.WORKER_START_WAIT));
    }
    calls = recordedCalls(r -> AGENT.equals(r.getHeader("User-Agent")));

    List<PolicyRule> role = chart.named(Role.class, CONTROLLER).getRules();
    assertThat(calls).as("requests recorded").isNotEmpty();
    assertThat(calls)
        .as("the controller's requests the Role refuses")
        .allSatisfy(
            c -> {
              assertThat(c.namespace())
                  .as("%s: namespaced in the release namespace", c)
                  .isEqualTo(ns);
              assertThat(Rbac.grants(role, c)).as("%s allowed", c).isTrue();
            });
    assertThat(calls)
        .extracting(ApiCall::toString)
        .as("the leader's paths ran")
        .contains(
            "create leases.coordination.k8s.io in " + ns,
            "patch leases.coordination.k8s.io in " + ns,
            "create secrets in " + ns,
            "delete secrets in " + ns,
            "create pods in " + ns,
            "patch pods in " + ns,
            "delete configmaps in " + ns,
            "delete persistentvolumeclaims in " + ns);
  }

  /** The controller as the chart runs it, with short lease and vacuum timings. */
  private static ControllerConfig config(Rendered chart) {
    Map<String, String> env =
        new HashMap<>(
            Pods.resolvedEnv(Pods.container(chart.named(Deployment.class, CONTROLLER)), POD));
    env.put("KUBEHERD_LEASE_DURATION", "3s");
    env.put("KUBEHERD_LEASE_RENEW_DEADLINE", "2s");
    env.put("KUBEHERD_LEASE_RETRY_PERIOD", "200ms");
    env.put("KUBEHERD_VACUUM_INTERVAL", "1s");
    env.put("VACUUM_AGE", "0");
    env.put("VACUUM_MAX_BUILDS", "1");
    return ControllerConfig.fromEnv(env);
  }

  /** A build that ended, with the log ConfigMap and storage PVC a killed worker leaves. */
  private static Build finishedBuildWithLeftovers(
      SecretBuildStore builds, String projectId, String ns) {
    Build old = builds.create(BuildRequest.of(projectId, "push", "github"));
    Instant now = Instant.now();
    builds.updateStatus(
        old.id(), BuildStatus.pending().running("w", now).finished(true, 0, now, "done"));
    builds.create(BuildRequest.of(projectId, "push", "github")); // newer: the one kept
    client
        .configMaps()
        .inNamespace(ns)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(old.workerName() + "-log")
                .withLabels(BrigadeLabels.logLabels(old.id()))
                .endMetadata()
                .build())
        .create();
    Map<String, String> storage = new HashMap<>(BrigadeLabels.buildObjectsSelector(old.id()));
    storage.put(BrigadeLabels.COMPONENT, BrigadeLabels.COMPONENT_BUILD_STORAGE);
    client
        .persistentVolumeClaims()
        .inNamespace(ns)
        .resource(
            new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(old.workerName())
                .withLabels(storage)
                .endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withNewResources()
                .withRequests(Map.of("storage", new Quantity("1Gi")))
                .endResources()
                .endSpec()
                .build())
        .create();
    return old;
  }

  private static Instant renewTime(String ns) {
    var lease = client.leases().inNamespace(ns).withName("kubeherd-controller").get();
    return lease == null || lease.getSpec().getRenewTime() == null
        ? Instant.EPOCH
        : lease.getSpec().getRenewTime().toInstant();
  }

  /** A client of the mock server whose requests carry {@code agent} as their User-Agent. */
  private static KubernetesClient clientNamed(String agent) {
    return new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(client.getConfiguration()).withUserAgent(agent).build())
        .build();
  }

  /** The calls of the requests recorded so far that {@code which} selects, once each. */
  private static List<ApiCall> recordedCalls(Predicate<RecordedRequest> which)
      throws InterruptedException {
    Set<ApiCall> calls = new LinkedHashSet<>();
    RecordedRequest r;
    while ((r = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
      if (which.test(r)) {
        ApiCall.of(r.getMethod(), r.getPath()).ifPresent(calls::add);
      }
    }
    return List.copyOf(calls);
  }
}
