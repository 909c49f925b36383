package dev.kubeherd.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import dev.kubeherd.kube.brigade.KubeherdAnnotations;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Worker pods that cannot start, or run too long, fail their build and free its slot (contract §9:
 * explicit worker timeout), on the mock server with short timeouts.
 */
class WorkerPodTimeoutsMockKubeTest extends ControllerMockKubeFixture {
  private static final Duration LONG = Duration.ofMinutes(10);
  private static final Duration SHORT = Duration.ofSeconds(1);

  @Test
  void aWorkerPodInImagePullBackOffPastTheStartTimeoutFailsItsBuildAndFreesItsSlot() {
    Build first = builds.create(BuildRequest.of(projectId, "exec", "brigade-cli"));
    Build second = builds.create(BuildRequest.of(projectId, "exec", "brigade-cli"));
    dispatchingController(new AdmissionLimits(1, 0), new WorkerPodTimeouts(SHORT, LONG, ZERO));
    awaitPod(first);

    setStatus(first, pending(waiting("ImagePullBackOff", "Back-off pulling image \"w:typo\"")));

    BuildStatus failed = awaitFailed(first);
    assertThat(failed.message())
        .contains("did not start within 1s (-worker-start-timeout (KUBEHERD_WORKER_START_TIMEOUT))")
        .contains("ImagePullBackOff")
        .contains("Back-off pulling image \"w:typo\"")
        .contains("brig rerun " + first.id());
    awaitPod(second);
    await().until(() -> pod(first) == null);
  }

  @Test
  void aWorkerPodThatStartsWithinTheStartTimeoutIsLeftRunning() {
    Build build = builds.create(BuildRequest.of(projectId, "exec", "brigade-cli"));
    dispatchingController(
        new AdmissionLimits(1, 0), new WorkerPodTimeouts(Duration.ofSeconds(2), LONG, ZERO));
    awaitPod(build);
    setStatus(build, pending(waiting("ErrImagePull", "registry unavailable")));

    setStatus(build, running(Instant.now()));

    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(6))
        .until(() -> pod(build) != null && !status(build).phase().isTerminal());
  }

  @Test
  void aWorkerPodRunningPastTheRunTimeoutFailsItsBuildAndIsDeleted() {
    Build build = builds.create(BuildRequest.of(projectId, "exec", "brigade-cli"));
    dispatchingController(new AdmissionLimits(1, 0), new WorkerPodTimeouts(LONG, LONG, SHORT));
    awaitPod(build);

    setStatus(build, running(Instant.now()));

    assertThat(awaitFailed(build).message())
        .contains("ran longer than 1s (-worker-timeout (KUBEHERD_WORKER_TIMEOUT)) and was deleted")
        .contains("brig rerun " + build.id());
    await().until(() -> pod(build) == null);
  }

  @Test
  void theRunTimeoutVerdictAlsoDeletesTheBuildsJobPods() {
    Build build = builds.create(BuildRequest.of(projectId, "exec", "brigade-cli"));
    dispatchingController(new AdmissionLimits(1, 0), new WorkerPodTimeouts(LONG, LONG, SHORT));
    awaitPod(build);
    String job = "job-" + build.id();
    String otherBuildsJob = "job-other-build";
    createJobPod(job, build.id());
    createJobPod(otherBuildsJob, "01jdotherbuild000000000000");

    setStatus(build, running(Instant.now()));

    awaitFailed(build);
    await().until(() -> pod(build) == null);
    await().until(() -> client.pods().inNamespace(ns).withName(job).get() == null);
    assertThat(client.pods().inNamespace(ns).withName(otherBuildsJob).get()).isNotNull();
  }

  @Test
  void aWorkerPodWithAnInvalidImageNameFailsItsBuildAtOnce() {
    Build build = builds.create(BuildRequest.of(projectId, "exec", "brigade-cli"));
    dispatchingController(new AdmissionLimits(1, 0), new WorkerPodTimeouts(LONG, LONG, ZERO));
    awaitPod(build);

    setStatus(build, pending(waiting("InvalidImageName", "couldn't parse image name \"w::x\"")));

    assertThat(awaitFailed(build).message())
        .contains("cannot start (InvalidImageName): couldn't parse image name \"w::x\"")
        .contains("worker.tag");
    await().until(() -> pod(build) == null);
  }

  @Test
  void aConfigErrorLastingTheStartGraceFailsItsBuild() {
    Build build = builds.create(BuildRequest.of(projectId, "exec", "brigade-cli"));
    dispatchingController(new AdmissionLimits(1, 0), new WorkerPodTimeouts(LONG, SHORT, ZERO));
    awaitPod(build);

    waitForMissingSecret(build);

    assertThat(awaitFailed(build).message())
        .contains("cannot start (CreateContainerConfigError): secret \"brigade-x\" not found")
        .contains("(for 1s)");
    await().until(() -> pod(build) == null);
  }

  @Test
  void aStartWaitIsNotedOnTheWorkerPod() {
    Build build = builds.create(BuildRequest.of(projectId, "exec", "brigade-cli"));
    dispatchingController(new AdmissionLimits(1, 0), new WorkerPodTimeouts(LONG, LONG, ZERO));
    awaitPod(build);
    Instant before = Instant.now();

    waitForMissingSecret(build);

    String note =
        await()
            .until(() -> annotation(build, KubeherdAnnotations.WORKER_START_WAIT), n -> n != null);
    assertThat(note).startsWith(WorkerPodFactory.RUNNER + "/CreateContainerConfigError/");
    assertThat(Instant.parse(note.substring(note.lastIndexOf('/') + 1))).isAfterOrEqualTo(before);
    assertThat(status(build).phase().isTerminal()).isFalse();
  }

  @Test
  void aStartWaitNotedByAnEarlierControllerKeepsItsDeadline() {
    Build build = builds.create(BuildRequest.of(projectId, "exec", "brigade-cli"));
    dispatchingController(new AdmissionLimits(1, 0), new WorkerPodTimeouts(LONG, LONG, ZERO));
    awaitPod(build);
    // the controller before this one saw the wait begin longer than the start grace ago
    String since = Instant.now().minus(LONG).minusSeconds(5).toString();
    client
        .pods()
        .inNamespace(ns)
        .withName(build.workerName())
        .edit(
            p ->
                new PodBuilder(p)
                    .editMetadata()
                    .addToAnnotations(
                        KubeherdAnnotations.WORKER_START_WAIT,
                        WorkerPodFactory.RUNNER + "/CreateContainerConfigError/" + since)
                    .endMetadata()
                    .build());

    waitForMissingSecret(build);

    assertThat(awaitFailed(build).message())
        .contains("cannot start (CreateContainerConfigError)")
        .contains("(for 10m)");
    await().until(() -> pod(build) == null);
  }

  @Test
  void anUnschedulableWorkerPodPastTheStartTimeoutFailsWithTheSchedulersMessage() {
    Build build = builds.create(BuildRequest.of(projectId, "exec", "brigade-cli"));
    dispatchingController(new AdmissionLimits(1, 0), new WorkerPodTimeouts(SHORT, LONG, ZERO));
    awaitPod(build);

    setStatus(
        build,
        new PodStatusBuilder()
            .withPhase("Pending")
            .addNewCondition()
            .withType("PodScheduled")
            .withStatus("False")
            .withReason("Unschedulable")
            .withMessage("0/3 nodes are available: 3 Insufficient memory.")
            .endCondition()
            .build());

    assertThat(awaitFailed(build).message())
        .contains("was not scheduled within 1s")
        .contains("0/3 nodes are available: 3 Insufficient memory.");
    await().until(() -> pod(build) == null);
  }

  private static final Duration ZERO = Duration.ZERO;

  private BuildStatus awaitFailed(Build b) {
    return await().until(() -> status(b), s -> s.phase() == BuildPhase.FAILED);
  }

  private BuildStatus status(Build b) {
    return builds.find(b.id()).orElseThrow().status();
  }

  private io.fabric8.kubernetes.api.model.Pod pod(Build b) {
    return client.pods().inNamespace(ns).withName(b.workerName()).get();
  }

  /** The worker container waits for a Secret the kubelet cannot find (a wait that may clear). */
  private void waitForMissingSecret(Build b) {
    setStatus(b, pending(waiting("CreateContainerConfigError", "secret \"brigade-x\" not found")));
  }

  private String annotation(Build b, String key) {
    io.fabric8.kubernetes.api.model.Pod pod = pod(b);
    return pod == null || pod.getMetadata().getAnnotations() == null
        ? null
        : pod.getMetadata().getAnnotations().get(key);
  }

  private void setStatus(Build b, PodStatus status) {
    client
        .pods()
        .inNamespace(ns)
        .withName(b.workerName())
        .editStatus(p -> new PodBuilder(p).withStatus(status).build());
  }

  /** A running job pod labelled as the worker labels them (not owned by the worker pod). */
  private void createJobPod(String name, String buildId) {
    client
        .pods()
        .inNamespace(ns)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(
                    BrigadeLabels.jobLabels(
                        "hello", projectId, "brigade-worker-" + buildId, buildId))
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("hello")
                .withImage("alpine:3")
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .endStatus()
                .build())
        .create();
  }

  private static PodStatus pending(ContainerStatus runner) {
    return new PodStatusBuilder().withPhase("Pending").addToContainerStatuses(runner).build();
  }

  private static ContainerStatus waiting(String reason, String message) {
    return new ContainerStatusBuilder()
        .withName(WorkerPodFactory.RUNNER)
        .withNewState()
        .withNewWaiting()
        .withReason(reason)
        .withMessage(message)
        .endWaiting()
        .endState()
        .build();
  }

  private static PodStatus running(Instant startedAt) {
    return new PodStatusBuilder()
        .withPhase("Running")
        .addNewContainerStatus()
        .withName(WorkerPodFactory.RUNNER)
        .withNewState()
        .withNewRunning()
        .withStartedAt(startedAt.toString())
        .endRunning()
        .endState()
        .endContainerStatus()
        .build();
  }
}
