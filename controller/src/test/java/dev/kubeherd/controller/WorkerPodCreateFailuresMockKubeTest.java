package dev.kubeherd.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import org.junit.jupiter.api.Test;

/** Worker pods the API server does not create: retried, rejected, or refused for good. */
class WorkerPodCreateFailuresMockKubeTest extends ControllerMockKubeFixture {
  @Test
  void aPodCreateThatFailsAfterTheClaimIsRetriedAndTheQueueMovesOn() {
    Build first = builds.create(BuildRequest.of(projectId, "exec", "brigade-cli"));
    Build second = builds.create(BuildRequest.of(projectId, "exec", "brigade-cli"));
    refusePodCreates(
        1, 403, "Forbidden", "pods \"" + first.workerName() + "\" is forbidden: exceeded quota");

    BuildController c = dispatchingController(new AdmissionLimits(1, 0));

    awaitPod(first); // the claim went through, the create failed once: it is tried again
    assertThat(builds.find(first.id()).orElseThrow().status().phase())
        .isEqualTo(BuildPhase.RUNNING);
    assertThat(c.admission().holdsSlot(first.id())).isTrue();
    setPhase(first, "Succeeded");
    awaitPod(second);
  }

  @Test
  void aWorkerPodTheApiServerRejectsFailsItsBuildAndFreesTheSlot() {
    Build rejected = builds.create(BuildRequest.of(projectId, "exec", "brigade-cli"));
    Build next = builds.create(BuildRequest.of(projectId, "exec", "brigade-cli"));
    refusePodCreates(
        1,
        422,
        "Invalid",
        "Pod \""
            + rejected.workerName()
            + "\" is invalid: spec.containers[0].image: Invalid value: \"a b\"");

    BuildController c = dispatchingController(new AdmissionLimits(1, 0));

    awaitPod(next);
    assertThat(builds.find(rejected.id()).orElseThrow().status())
        .satisfies(s -> assertThat(s.phase()).isEqualTo(BuildPhase.FAILED))
        .satisfies(
            s ->
                assertThat(s.message())
                    .contains("rejected worker pod " + rejected.workerName() + " (HTTP 422)")
                    .contains("spec.containers[0].image: Invalid value")
                    .contains("brig rerun " + rejected.id()));
    assertThat(c.admission().holdsSlot(rejected.id())).isFalse();
    assertThat(pods()).hasSize(1);
  }

  @Test
  void aWorkerPodForbiddenOnEveryAttemptFailsItsBuildWhenTheBackoffGivesUpAndFreesTheSlot() {
    Build forbidden = builds.create(BuildRequest.of(projectId, "exec", "brigade-cli"));
    Build next = builds.create(BuildRequest.of(projectId, "exec", "brigade-cli"));
    String refusal =
        "pods \""
            + forbidden.workerName()
            + "\" is forbidden: violates PodSecurity \"restricted:latest\": runAsNonRoot != true";
    // the test back-off's 3 attempts for the first build; the next one's create works
    refusePodCreates(3, 403, "Forbidden", refusal);

    BuildController c = dispatchingController(new AdmissionLimits(1, 0));

    awaitPod(next); // admitted only once the forbidden build gave its slot back
    assertThat(builds.find(forbidden.id()).orElseThrow().status())
        .satisfies(s -> assertThat(s.phase()).isEqualTo(BuildPhase.FAILED))
        .satisfies(
            s ->
                assertThat(s.message())
                    .contains("worker pod " + forbidden.workerName() + " could not be created")
                    .contains("(HTTP 403): " + refusal)
                    .contains("brig rerun " + forbidden.id()));
    assertThat(c.admission().holdsSlot(forbidden.id())).isFalse();
    assertThat(pods())
        .singleElement()
        .satisfies(p -> assertThat(p.getMetadata().getName()).isEqualTo(next.workerName()));
  }

  /** The next {@code times} worker pod creates are answered with this API status. */
  private void refusePodCreates(int times, int code, String reason, String message) {
    server
        .expect()
        .post()
        .withPath("/api/v1/namespaces/" + ns + "/pods")
        .andReturn(
            code,
            new StatusBuilder().withCode(code).withReason(reason).withMessage(message).build())
        .times(times);
  }
}
