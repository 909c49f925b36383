package dev.kubeherd.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildControllerMockKubeTest extends ControllerMockKubeFixture {
  @Test
  void pendingBuildIsClaimedAndGetsItsWorkerPod() {
    Build b = builds.create(BuildRequest.of(projectId, "exec", "brigade-cli"));

    dispatchingController(AdmissionLimits.UNLIMITED);

    Pod pod = awaitPod(b);
    assertThat(pod.getMetadata().getLabels()).containsEntry("build", b.id());
    assertThat(builds.find(b.id()).orElseThrow().status().phase()).isEqualTo(BuildPhase.RUNNING);
    assertThat(builds.find(b.id()).orElseThrow().status().worker()).isEqualTo(b.workerName());
  }

  @Test
  void invalidBuildsFailWithAReasonAndTheNextBuildStillRuns() {
    Build noProject = builds.create(BuildRequest.of("", "exec", "brigade-cli"));
    Build unknownProject = builds.create(BuildRequest.of("brigade-nope", "exec", "brigade-cli"));
    Build good = builds.create(BuildRequest.of(projectId, "exec", "brigade-cli"));

    dispatchingController(AdmissionLimits.UNLIMITED);

    awaitPod(good);
    await()
        .untilAsserted(
            () -> {
              assertThat(builds.find(noProject.id()).orElseThrow().status())
                  .satisfies(s -> assertThat(s.phase()).isEqualTo(BuildPhase.FAILED))
                  .satisfies(s -> assertThat(s.message()).contains("names no project"));
              assertThat(builds.find(unknownProject.id()).orElseThrow().status())
                  .satisfies(s -> assertThat(s.phase()).isEqualTo(BuildPhase.FAILED))
                  .satisfies(
                      s -> assertThat(s.message()).contains("project brigade-nope not found"));
            });
    assertThat(pods()).hasSize(1);
  }

  @Test
  void acceptedBuildIsNotRerunAfterARestart() {
    Build b = builds.create(BuildRequest.of(projectId, "exec", "brigade-cli"));
    BuildController first = dispatchingController(AdmissionLimits.UNLIMITED);
    String uid = awaitPod(b).getMetadata().getUid();
    setPhase(b, "Running");
    first.close();

    BuildController second = dispatchingController(AdmissionLimits.UNLIMITED);

    await().until(() -> second.admission().holdsSlot(b.id()));
    assertThat(pods())
        .singleElement()
        .satisfies(p -> assertThat(p.getMetadata().getUid()).isEqualTo(uid));
    assertThat(builds.find(b.id()).orElseThrow().status().phase()).isEqualTo(BuildPhase.RUNNING);
  }

  @Test
  void finishedBuildWhosePodIsGoneIsNotRerun() {
    Build b = builds.create(BuildRequest.of(projectId, "exec", "brigade-cli"));
    builds.claim(b.id(), b.workerName());
    Build claimed = builds.find(b.id()).orElseThrow();
    builds.updateStatus(b.id(), claimed.status().finished(true, 0, Instant.now(), ""));

    BuildController c = dispatchingController(AdmissionLimits.UNLIMITED);
    c.accept(builds.find(b.id()).orElseThrow());

    await().during(Duration.ofMillis(500)).until(() -> pods().isEmpty());
  }

  @Test
  void claimedBuildWithoutAPodGetsItsPodAfterACrash() {
    Build b = builds.create(BuildRequest.of(projectId, "exec", "brigade-cli"));
    assertThat(builds.claim(b.id(), b.workerName())).isTrue(); // then the controller died

    dispatchingController(AdmissionLimits.UNLIMITED);

    awaitPod(b);
  }

  @Test
  void claimAndPodCreateAreIdempotent() {
    Build b = builds.create(BuildRequest.of(projectId, "exec", "brigade-cli"));
    Project p = projects.find(projectId).orElseThrow();
    Pod existing =
        new WorkerPodFactory(ControllerConfig.fromEnv(Map.of()).worker())
            .workerPod(BuildSecretRef.of(b, ns), b, p);
    client.pods().inNamespace(ns).resource(existing).create(); // a pod left by an earlier hand-off

    BuildController c = dispatchingController(AdmissionLimits.UNLIMITED);
    c.accept(b); // delivered again, stale
    c.accept(builds.find(b.id()).orElseThrow());

    await().until(() -> builds.find(b.id()).orElseThrow().status().phase() == BuildPhase.RUNNING);
    await().until(() -> c.admission().holdsSlot(b.id()));
    assertThat(pods()).hasSize(1);
    assertThat(c.admission().running()).isEqualTo(1);
  }

  @Test
  void globalLimitQueuesBuildsUntilAWorkerPodEnds() {
    Build first = builds.create(BuildRequest.of(projectId, "exec", "brigade-cli"));
    Build second = builds.create(BuildRequest.of(projectId, "exec", "brigade-cli"));

    dispatchingController(new AdmissionLimits(1, 0));

    awaitPod(first);
    await().during(Duration.ofMillis(300)).until(() -> pods().size() == 1);
    assertThat(builds.find(second.id()).orElseThrow().status().phase())
        .isEqualTo(BuildPhase.PENDING);

    setPhase(first, "Succeeded");

    awaitPod(second);
    await()
        .until(
            () -> builds.find(first.id()).orElseThrow().status().phase() == BuildPhase.SUCCEEDED);
  }

  @Test
  void failedWorkerPodFailsTheBuildWithItsExitCode() {
    Build b = builds.create(BuildRequest.of(projectId, "exec", "brigade-cli"));
    dispatchingController(AdmissionLimits.UNLIMITED);
    awaitPod(b);

    client
        .pods()
        .inNamespace(ns)
        .withName(b.workerName())
        .editStatus(
            p ->
                new PodBuilder(p)
                    .withNewStatus()
                    .withPhase("Failed")
                    .addNewContainerStatus()
                    .withName("brigade-runner")
                    .withNewState()
                    .withNewTerminated()
                    .withExitCode(3)
                    .endTerminated()
                    .endState()
                    .endContainerStatus()
                    .endStatus()
                    .build());

    await()
        .untilAsserted(
            () ->
                assertThat(builds.find(b.id()).orElseThrow().status())
                    .satisfies(s -> assertThat(s.phase()).isEqualTo(BuildPhase.FAILED))
                    .satisfies(s -> assertThat(s.exitCode()).contains(3))
                    .satisfies(s -> assertThat(s.message()).contains("exit code 3")));
  }

  @Test
  void aProjectWhoseJobServiceAccountIsNotAllowedHasItsBuildsFailed() {
    String admin = ProjectIds.fromName("brigadecore/admin");
    projects.create(
        new Project(admin, "brigadecore/admin", ns, Map.of("serviceAccount", "cluster-admin")));
    String lookalike = ProjectIds.fromName("brigadecore/lookalike");
    projects.create( // v1 matched the regex unanchored: brigade-worker allowed this one
        new Project(
            lookalike,
            "brigadecore/lookalike",
            ns,
            Map.of("serviceAccount", "brigade-worker-admin")));
    Build refused = builds.create(BuildRequest.of(admin, "exec", "brigade-cli"));
    Build alsoRefused = builds.create(BuildRequest.of(lookalike, "exec", "brigade-cli"));
    Build good = builds.create(BuildRequest.of(projectId, "exec", "brigade-cli"));

    dispatchingController(AdmissionLimits.UNLIMITED);

    awaitPod(good);
    await()
        .untilAsserted(
            () -> {
              assertThat(builds.find(refused.id()).orElseThrow().status())
                  .satisfies(s -> assertThat(s.phase()).isEqualTo(BuildPhase.FAILED))
                  .satisfies(
                      s ->
                          assertThat(s.message())
                              .isEqualTo(
                                  "project "
                                      + admin
                                      + " sets serviceAccount 'cluster-admin' for its jobs, which"
                                      + " the controller does not allow: job service accounts"
                                      + " must match the regex 'brigade-worker' (setting"
                                      + " KUBEHERD_PROJECT_SERVICE_ACCOUNT_REGEX, flag"
                                      + " -project-service-account-regex); change the project's"
                                      + " serviceAccount or have the operator widen that"
                                      + " setting, then rerun the build (brig rerun "
                                      + refused.id()
                                      + ")"));
              assertThat(builds.find(alsoRefused.id()).orElseThrow().status().phase())
                  .isEqualTo(BuildPhase.FAILED);
            });
    assertThat(pods()).hasSize(1);
  }

  @Test
  void nothingIsDispatchedWhileNotLeading() {
    Build b = builds.create(BuildRequest.of(projectId, "exec", "brigade-cli"));
    BuildController c = controller(AdmissionLimits.UNLIMITED);

    c.accept(b);

    await().during(Duration.ofMillis(500)).until(() -> pods().isEmpty());
    assertThat(builds.find(b.id()).orElseThrow().status().phase()).isEqualTo(BuildPhase.PENDING);
  }
}
