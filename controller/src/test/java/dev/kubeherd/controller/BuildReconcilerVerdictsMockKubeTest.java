package dev.kubeherd.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.JobRecord;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.WorkerMode;
import dev.kubeherd.core.port.BuildFeed;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.service.BuildCancel;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import dev.kubeherd.kube.brigade.KubeherdAnnotations;
import dev.kubeherd.kube.brigade.SecretTypes;
import dev.kubeherd.kube.store.SecretBuildStore;
import dev.kubeherd.kube.store.SecretProjectStore;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reconciler's verdicts (worker pod ended, worker pod gone, project missing, build unreadable)
 * never undo a {@code brig build cancel} that lands between the reconciler's read of the build and
 * its write, on the Secret-backed store.
 */
@EnableMockKube
class BuildReconcilerVerdictsMockKubeTest {
  static KubernetesClient client;
  static final AtomicInteger NAMESPACES = new AtomicInteger();
  static final String PROJECT = ProjectIds.fromName("brigadecore/empty-testbed");
  static final String CANCELLED = "cancelled by brig";

  String ns;
  SecretBuildStore builds;

  @BeforeEach
  void setUp() {
    ns = "verdicts-" + NAMESPACES.incrementAndGet();
    builds = new SecretBuildStore(client, ns, Clock.systemUTC());
    new SecretProjectStore(client, ns)
        .create(new Project(PROJECT, "brigadecore/empty-testbed", ns, Map.of()));
  }

  @Test
  void aCancelJustAfterTheReadOutlivesTheWorkerPodsEnd() {
    Build build = claimedBuild();

    reconciler(cancelAfterFirstRead(build.id()))
        .recordEnd(build.id(), new WorkerPodOutcome(true, 0, Optional.empty(), ""));

    assertCancelled(build);
  }

  @Test
  void aCancelJustAfterTheReadOutlivesTheWorkerPodsDeletion() {
    Build build = claimedBuild();

    reconciler(cancelAfterFirstRead(build.id())).recordPodGone(build.id(), build.workerName());

    assertCancelled(build);
  }

  @Test
  void aCancelAfterTheReconcilerReadTheBuildOutlivesProjectNotFound() {
    Build read = builds.create(BuildRequest.of("brigade-nope", "exec", "brigade-cli"));
    new BuildCancel(builds, Clock.systemUTC()).cancel(read.id(), "brig-1", CANCELLED);

    assertThat(reconciler(builds).reconcile(read)).isEqualTo(BuildReconciler.Next.DONE);

    assertCancelled(read);
  }

  @Test
  void anUnreadableBuildThatWasCancelledStaysCancelled() {
    String id = "01garbage0000000000000000a";
    garbageSecret(
        id,
        Map.of(
            KubeherdAnnotations.PHASE, "Failed",
            KubeherdAnnotations.EXIT_CODE, "130",
            KubeherdAnnotations.MESSAGE, CANCELLED));

    reconciler(builds).failUnreadable(new BuildFeed.InvalidBuild(id, Optional.of(id), "bad"));

    assertThat(annotations(id))
        .containsEntry(KubeherdAnnotations.PHASE, "Failed")
        .containsEntry(KubeherdAnnotations.EXIT_CODE, "130")
        .containsEntry(KubeherdAnnotations.MESSAGE, CANCELLED);
  }

  @Test
  void anUnreadableRunningBuildIsFailedKeepingItsWorkerAndStart() {
    String id = "01garbage0000000000000000b";
    garbageSecret(
        id,
        Map.of(
            KubeherdAnnotations.PHASE, "Running",
            KubeherdAnnotations.WORKER, id,
            KubeherdAnnotations.STARTED_AT, "2026-01-01T00:00:00Z"));

    reconciler(builds).failUnreadable(new BuildFeed.InvalidBuild(id, Optional.of(id), "bad"));

    assertThat(annotations(id))
        .containsEntry(KubeherdAnnotations.PHASE, "Failed")
        .containsEntry(KubeherdAnnotations.WORKER, id)
        .containsEntry(KubeherdAnnotations.STARTED_AT, "2026-01-01T00:00:00Z")
        .containsEntry(KubeherdAnnotations.EXIT_CODE, "1")
        .containsEntry(
            KubeherdAnnotations.MESSAGE,
            "build Secret "
                + id
                + " cannot be read: bad; fix or delete the Secret and create the build again");
  }

  private Build claimedBuild() {
    Build build = builds.create(BuildRequest.of(PROJECT, "exec", "brigade-cli"));
    assertThat(builds.claim(build.id(), build.workerName())).isTrue();
    return build;
  }

  private void assertCancelled(Build build) {
    BuildStatus s = builds.find(build.id()).orElseThrow().status();
    assertThat(s.phase()).isEqualTo(BuildPhase.FAILED);
    assertThat(s.exitCode()).contains(BuildCancel.EXIT_CODE);
    assertThat(s.message()).isEqualTo(CANCELLED);
  }

  private BuildReconciler reconciler(BuildStore store) {
    return new BuildReconciler(
        store,
        new SecretProjectStore(client, ns),
        new WorkerPods(client, ns),
        new WorkerPodMarks(client, ns),
        new WorkerPodFactory(ControllerConfig.fromEnv(Map.of()).worker()),
        Clock.systemUTC(),
        WorkerMode.POD,
        ControllerMetrics.none(),
        WorkerPodTimeouts.DEFAULT,
        (id, at) -> {});
  }

  /**
   * {@link #builds} as the reconciler sees it, with a {@code brig build cancel} (through a store of
   * its own, as another process) landing right after the reconciler's first read of the build:
   * after a {@code find}, or inside an update between its read and its write.
   */
  private BuildStore cancelAfterFirstRead(String buildId) {
    SecretBuildStore brig = new SecretBuildStore(client, ns, Clock.systemUTC());
    AtomicBoolean cancelled = new AtomicBoolean();
    Runnable cancel =
        () -> {
          if (cancelled.compareAndSet(false, true)) {
            new BuildCancel(brig, Clock.systemUTC()).cancel(buildId, "brig-1", CANCELLED);
          }
        };
    return new BuildStore() {
      @Override
      public Build create(BuildRequest request) {
        return builds.create(request);
      }

      @Override
      public Optional<Build> find(String id) {
        Optional<Build> found = builds.find(id);
        cancel.run();
        return found;
      }

      @Override
      public List<Build> list(Optional<String> projectId) {
        return builds.list(projectId);
      }

      @Override
      public boolean claim(String id, String worker) {
        return builds.claim(id, worker);
      }

      @Override
      public void updateStatus(String id, BuildStatus status) {
        builds.updateStatus(id, status);
      }

      @Override
      public BuildStatus updateStatus(String id, UnaryOperator<BuildStatus> change) {
        return builds.updateStatus(
            id,
            s -> {
              BuildStatus next = change.apply(s);
              cancel.run();
              return next;
            });
      }

      @Override
      public boolean delete(String id) {
        return builds.delete(id);
      }

      @Override
      public void saveJob(JobRecord job) {
        builds.saveJob(job);
      }

      @Override
      public List<JobRecord> jobs(String id) {
        return builds.jobs(id);
      }
    };
  }

  /** A build Secret whose payload is not base64, with {@code annotations}. */
  private void garbageSecret(String id, Map<String, String> annotations) {
    client
        .secrets()
        .inNamespace(ns)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(id)
                .addToLabels(BrigadeLabels.COMPONENT, BrigadeLabels.COMPONENT_BUILD)
                .addToLabels(BrigadeLabels.HERITAGE, BrigadeLabels.BRIGADE)
                .addToLabels(BrigadeLabels.BUILD, id)
                .addToAnnotations(annotations)
                .endMetadata()
                .withType(SecretTypes.BUILD)
                .addToData("payload", "%%% not base64 %%%")
                .build())
        .create();
  }

  private Map<String, String> annotations(String secretName) {
    return client
        .secrets()
        .inNamespace(ns)
        .withName(secretName)
        .get()
        .getMetadata()
        .getAnnotations();
  }
}
