package dev.kubeherd.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.service.BuildCancel;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import dev.kubeherd.kube.brigade.KubeherdAnnotations;
import dev.kubeherd.kube.brigade.SecretTypes;
import dev.kubeherd.kube.store.SecretBuildFeed;
import dev.kubeherd.kube.store.SecretBuildStore;
import dev.kubeherd.kube.store.SecretProjectStore;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import dev.kubeherd.testsupport.kube.PodOutcome;
import dev.kubeherd.testsupport.kube.PodSimulator;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controller on the real Secret-backed stores and build feed, against the mock API server. */
@EnableMockKube
class ControllerSecretsMockKubeTest {
  static KubernetesClient client;
  static KubernetesMockServer server;
  static final AtomicInteger NAMESPACES = new AtomicInteger();
  static final String PROJECT = ProjectIds.fromName("brigadecore/empty-testbed");

  @TempDir Path dir;
  String ns;
  SecretBuildStore builds;
  SecretProjectStore projects;

  @BeforeEach
  void setUp() {
    ns = "brigade-" + NAMESPACES.incrementAndGet(); // one mock server serves the whole class
    builds = new SecretBuildStore(client, ns, Clock.systemUTC());
    projects = new SecretProjectStore(client, ns);
    projects.create(
        new Project(
            PROJECT,
            "brigadecore/empty-testbed",
            ns,
            Map.of("cloneURL", "https://github.com/brigadecore/empty-testbed.git")));
  }

  private ControllerApp app(String identity, int maxRunning) {
    return app(identity, maxRunning, client);
  }

  /** A controller on its own client, as a restarted process would have. */
  private ControllerApp app(String identity, int maxRunning, KubernetesClient own) {
    Map<String, String> env = new HashMap<>();
    env.put("BRIGADE_NAMESPACE", ns);
    env.put("KUBEHERD_LEASE_IDENTITY", identity);
    env.put("KUBEHERD_LEASE_DURATION", "3s");
    env.put("KUBEHERD_LEASE_RENEW_DEADLINE", "2s");
    env.put("KUBEHERD_LEASE_RETRY_PERIOD", "100ms");
    env.put("KUBEHERD_VACUUM_INTERVAL", "0");
    env.put("KUBEHERD_MAX_RUNNING_BUILDS", String.valueOf(maxRunning));
    env.put("KUBEHERD_MAX_RUNNING_BUILDS_PER_PROJECT", String.valueOf(maxRunning));
    return new ControllerApp(
        ControllerConfig.fromEnv(env),
        own,
        new SecretBuildStore(own, ns, Clock.systemUTC()),
        new SecretProjectStore(own, ns),
        new SecretBuildFeed(own, ns),
        Clock.systemUTC());
  }

  private Optional<Pod> pod(String name) {
    return Optional.ofNullable(client.pods().inNamespace(ns).withName(name).get());
  }

  @Test
  void theWorkerPodCopiesTheBuildSecretsOwnLabelsButNotItsClaimMark() {
    Build build = builds.create(BuildRequest.of(PROJECT, "exec", "brigade-cli"));
    client
        .secrets()
        .inNamespace(ns)
        .withName(build.workerName())
        .edit(
            s ->
                new SecretBuilder(s).editMetadata().addToLabels("team", "x").endMetadata().build());

    try (ControllerApp app = app("c", 5)) {
      app.start();

      await().atMost(Duration.ofSeconds(30)).until(() -> pod(build.workerName()).isPresent());
    }
    assertThat(pod(build.workerName()).orElseThrow().getMetadata().getLabels())
        .containsEntry("team", "x")
        .containsEntry(BrigadeLabels.COMPONENT, BrigadeLabels.COMPONENT_BUILD)
        .containsEntry(BrigadeLabels.BUILD, build.id())
        .containsEntry(BrigadeLabels.PROJECT, PROJECT)
        .doesNotContainKey(BrigadeLabels.STATUS);
  }

  @Test
  void aBrigBuildSecretGetsItsWorkerPodAndIsMarkedAccepted() {
    Build build = builds.create(BuildRequest.of(PROJECT, "exec", "brigade-cli"));

    try (ControllerApp app = app("c", 5)) {
      app.start();

      await().atMost(Duration.ofSeconds(30)).until(() -> pod(build.workerName()).isPresent());
    }
    Pod pod = pod(build.workerName()).orElseThrow();
    assertThat(pod.getMetadata().getLabels())
        .containsEntry(BrigadeLabels.BUILD, build.id())
        .containsEntry(BrigadeLabels.PROJECT, PROJECT);
    var secret = client.secrets().inNamespace(ns).withName(build.workerName()).get();
    assertThat(secret.getMetadata().getLabels())
        .containsEntry(BrigadeLabels.STATUS, BrigadeLabels.STATUS_ACCEPTED);
    assertThat(builds.find(build.id()).orElseThrow().status().phase())
        .isEqualTo(BuildPhase.RUNNING);
  }

  @Test
  void aCustomGatewaySecretGetsAWorkerPodNamedAfterIt() {
    String uuid = "0b9c2a4e-7f1d-4c8e-9a55-3b1f0e6d2c71";
    client
        .secrets()
        .inNamespace(ns)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("my-gateway-event-1")
                .addToLabels(BrigadeLabels.buildLabels(uuid, PROJECT))
                .endMetadata()
                .withType(SecretTypes.BUILD)
                .addToStringData("event_type", "deploy")
                .addToStringData("event_provider", "my-gateway")
                .addToStringData("project_id", PROJECT)
                .addToStringData("build_name", "my-gateway-event-1")
                .addToStringData("payload", "{}")
                .build())
        .create();

    try (ControllerApp app = app("c", 5)) {
      app.start();

      await().atMost(Duration.ofSeconds(30)).until(() -> pod("my-gateway-event-1").isPresent());
    }
    Pod pod = pod("my-gateway-event-1").orElseThrow();
    assertThat(pod.getSpec().getVolumes().getFirst().getSecret().getSecretName())
        .isEqualTo("my-gateway-event-1");
    assertThat(pod.getSpec().getContainers().getFirst().getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("BRIGADE_BUILD_NAME");
              assertThat(e.getValue()).isEqualTo("my-gateway-event-1");
            });
  }

  @Test
  void aGarbageBuildSecretIsFailedWithAReasonAndTheNextBuildStillRuns() {
    client
        .secrets()
        .inNamespace(ns)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("garbage")
                .addToLabels(BrigadeLabels.COMPONENT, BrigadeLabels.COMPONENT_BUILD)
                .addToLabels(BrigadeLabels.HERITAGE, BrigadeLabels.BRIGADE)
                .addToLabels(BrigadeLabels.BUILD, "01garbage0000000000000000a")
                .endMetadata()
                .withType(SecretTypes.BUILD)
                .addToData("payload", "%%% not base64 %%%")
                .build())
        .create();
    Build good = builds.create(BuildRequest.of(PROJECT, "exec", "brigade-cli"));

    try (ControllerApp app = app("c", 5)) {
      app.start();

      await().atMost(Duration.ofSeconds(30)).until(() -> pod(good.workerName()).isPresent());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                var s = client.secrets().inNamespace(ns).withName("garbage").get();
                return s.getMetadata().getAnnotations() != null
                    && "Failed".equals(s.getMetadata().getAnnotations().get("kubeherd.dev/phase"));
              });
    }
    var garbage = client.secrets().inNamespace(ns).withName("garbage").get();
    assertThat(garbage.getMetadata().getAnnotations().get("kubeherd.dev/message"))
        .isEqualTo(
            "build Secret garbage cannot be read: data.payload is not valid base64; fix or delete"
                + " the Secret and create the build again");
    assertThat(pod("garbage")).isEmpty();
  }

  @Test
  void aWorkerPodDeletedWhileNoControllerWatchedFailsItsBuildInsteadOfRunningItAgain() {
    Build build = builds.create(BuildRequest.of(PROJECT, "exec", "brigade-cli"));
    try (ControllerApp first = app("first", 5)) {
      first.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> pod(build.workerName()).isPresent());
      String uid = pod(build.workerName()).orElseThrow().getMetadata().getUid();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> uid.equals(annotation(build, KubeherdAnnotations.WORKER_POD)));
      setPodPhase(build, "Running");
    }
    client.pods().inNamespace(ns).withName(build.workerName()).delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> pod(build.workerName()).isEmpty());

    try (ControllerApp second = app("second", 5)) {
      second.start();

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> builds.find(build.id()).orElseThrow().status().phase().isTerminal());
      await().during(Duration.ofMillis(500)).until(() -> pod(build.workerName()).isEmpty());
      assertThat(second.controller().admission().holdsSlot(build.id())).isFalse();
    }
    assertThat(builds.find(build.id()).orElseThrow().status())
        .satisfies(s -> assertThat(s.phase()).isEqualTo(BuildPhase.FAILED))
        .satisfies(
            s ->
                assertThat(s.message())
                    .isEqualTo(
                        "worker pod "
                            + build.workerName()
                            + " was deleted before the build finished; rerun it with brig rerun "
                            + build.id()));
  }

  @Test
  void aBuildClaimedByAControllerThatStoppedBeforeCreatingItsPodGetsItsPod() {
    Build build = builds.create(BuildRequest.of(PROJECT, "exec", "brigade-cli"));
    assertThat(builds.claim(build.id(), build.workerName())).isTrue(); // then the controller died

    try (ControllerApp app = app("c", 5)) {
      app.start();

      await().atMost(Duration.ofSeconds(30)).until(() -> pod(build.workerName()).isPresent());
    }
    assertThat(builds.find(build.id()).orElseThrow().status().phase())
        .isEqualTo(BuildPhase.RUNNING);
  }

  @Test
  void cancellingABuildWhoseWorkerPodHasNotStartedDeletesThePod() {
    AtomicInteger ran = new AtomicInteger();
    try (PodSimulator sim = new PodSimulator(client, server, ns, dir)) {
      sim.failImagePull(image -> true) // the worker pod waits in ErrImagePull
          .onWorkerPod(
              pod -> {
                ran.incrementAndGet();
                return PodOutcome.succeeded("ran\n");
              })
          .start();
      Build build = builds.create(BuildRequest.of(PROJECT, "exec", "brigade-cli"));
      try (ControllerApp app = app("c", 5)) {
        app.start();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> pod(build.workerName()).map(p -> phase(p).equals("Pending")).orElse(false));

        new BuildCancel(builds, Clock.systemUTC()).cancel(build.id(), "brig-1", "stopped by me");

        await().atMost(Duration.ofSeconds(30)).until(() -> pod(build.workerName()).isEmpty());
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> !app.controller().admission().holdsSlot(build.id()));
      }
      assertThat(builds.find(build.id()).orElseThrow().status())
          .satisfies(s -> assertThat(s.phase()).isEqualTo(BuildPhase.FAILED))
          .satisfies(s -> assertThat(s.exitCode()).contains(BuildCancel.EXIT_CODE))
          .satisfies(s -> assertThat(s.message()).isEqualTo("stopped by me"));
      assertThat(ran).hasValue(0);
    }
  }

  @Test
  void cancellingABuildWhoseWorkerRunsLeavesItsPodToTheWorker() {
    Build build = builds.create(BuildRequest.of(PROJECT, "exec", "brigade-cli"));
    try (ControllerApp app = app("c", 5)) {
      app.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> pod(build.workerName()).isPresent());
      setPodPhase(build, "Running");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> app.controller().admission().holdsSlot(build.id()));

      new BuildCancel(builds, Clock.systemUTC()).cancel(build.id(), "brig-1", "stopped by me");

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> !app.controller().admission().holdsSlot(build.id()));
      await().during(Duration.ofMillis(500)).until(() -> pod(build.workerName()).isPresent());
    }
  }

  @Test
  void twoHundredBuildsRunExactlyOnceAcrossTwoControllerRestarts() {
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    try (PodSimulator sim = new PodSimulator(client, server, ns, dir)) {
      sim.onWorkerPod(
              pod -> {
                runs.computeIfAbsent(pod.label(BrigadeLabels.BUILD), k -> new AtomicInteger())
                    .incrementAndGet();
                Thread.sleep(5);
                return PodOutcome.succeeded("ran\n");
              })
          .start();
      List<Build> created = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        created.add(builds.create(BuildRequest.of(PROJECT, "exec", "brigade-cli")));
      }

      runUntil("first", 60);
      runUntil("second", 130);
      runUntil("third", 200);

      assertThat(runs).hasSize(200);
      assertThat(runs.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
      assertThat(created)
          .allSatisfy(
              b ->
                  assertThat(builds.find(b.id()).orElseThrow().status().phase())
                      .isEqualTo(BuildPhase.SUCCEEDED));
    }
  }

  private void runUntil(String identity, int succeeded) {
    try (KubernetesClient own = server.createClient();
        ControllerApp app = app(identity, 20, own)) {
      app.start();
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> succeeded() >= succeeded);
    }
  }

  private String annotation(Build build, String key) {
    var secret = client.secrets().inNamespace(ns).withName(build.workerName()).get();
    var annotations = secret.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  private void setPodPhase(Build build, String phase) {
    client
        .pods()
        .inNamespace(ns)
        .withName(build.workerName())
        .editStatus(p -> new PodBuilder(p).withNewStatus().withPhase(phase).endStatus().build());
  }

  private static String phase(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getPhase() == null
        ? ""
        : pod.getStatus().getPhase();
  }

  private long succeeded() {
    return builds.list(Optional.empty()).stream()
        .filter(b -> b.status().phase() == BuildPhase.SUCCEEDED)
        .count();
  }
}
