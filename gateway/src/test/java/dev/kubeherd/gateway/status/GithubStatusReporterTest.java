package dev.kubeherd.gateway.status;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.kubeherd.gateway.status.TestBuilds.SHA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.ProjectKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Statuses reported with the project's token, WireMock playing GitHub. */
class GithubStatusReporterTest {
  static final String DEPLOYMENT_STATUSES = "/repos/acme/rocket/deployments/42/statuses";
  static final String COMMIT_STATUSES = "/repos/acme/rocket/statuses/" + SHA;

  @RegisterExtension
  static WireMockExtension github =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  private GithubFixture fixture;
  private final Build deployment = TestBuilds.pending("b1", "deployment", TestBuilds.DEPLOYMENT);

  @BeforeEach
  void setUp() {
    fixture = new GithubFixture(github, dir);
  }

  @Test
  void aDeploymentIsInProgressWhileItRunsThenSuccess() {
    fixture.project(Map.of());
    fixture.stubStatesInOrder(DEPLOYMENT_STATUSES, "in_progress", "success");

    try (GithubStatusReporter reporter = fixture.reporter()) {
      reporter.build(TestBuilds.running(deployment));
      reporter.build(TestBuilds.succeeded(deployment));
    }

    github.verify(
        postRequestedFor(urlEqualTo(DEPLOYMENT_STATUSES))
            .withHeader("Authorization", equalTo("Bearer " + GithubFixture.TOKEN))
            .withHeader("Accept", equalTo("application/vnd.github+json"))
            .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
            .withRequestBody(
                equalToJson(
                    """
                    {"state":"in_progress",
                     "log_url":"https://ci.example.com/builds/b1",
                     "environment_url":"https://rocket.example.com",
                     "description":"Build b1 is running"}
                    """)));
    github.verify(
        postRequestedFor(urlEqualTo(DEPLOYMENT_STATUSES))
            .withRequestBody(
                equalToJson(
                    """
                    {"state":"success",
                     "log_url":"https://ci.example.com/builds/b1",
                     "environment_url":"https://rocket.example.com",
                     "description":"Build b1 succeeded"}
                    """)));
    assertThat(fixture.orderState()).isEqualTo("success");
  }

  @Test
  void aDeploymentWhoseScriptFailedIsAFailure() {
    fixture.project(Map.of());
    fixture.stubStatesInOrder(DEPLOYMENT_STATUSES, "in_progress", "failure");

    try (GithubStatusReporter reporter = fixture.reporter()) {
      reporter.build(TestBuilds.running(deployment));
      reporter.build(TestBuilds.failed(deployment, "job deploy(deploy-b1) failed"));
    }

    github.verify(
        postRequestedFor(urlEqualTo(DEPLOYMENT_STATUSES))
            .withRequestBody(
                equalToJson(
                    """
                    {"state":"failure",
                     "log_url":"https://ci.example.com/builds/b1",
                     "environment_url":"https://rocket.example.com",
                     "description":"Build b1 failed: job deploy(deploy-b1) failed"}
                    """)));
    assertThat(fixture.orderState()).isEqualTo("failure");
  }

  @Test
  void aDeploymentThatNoWorkerRanIsAnErrorAfterAnInProgress() {
    fixture.project(Map.of());
    fixture.stubStatesInOrder(DEPLOYMENT_STATUSES, "in_progress", "error");

    try (GithubStatusReporter reporter = fixture.reporter()) {
      reporter.build(TestBuilds.failedUnclaimed(deployment, "no worker pod"));
    }

    github.verify(
        postRequestedFor(urlEqualTo(DEPLOYMENT_STATUSES))
            .withRequestBody(equalToJson("{\"state\":\"error\"}", true, true)));
    assertThat(fixture.orderState()).isEqualTo("error");
  }

  @Test
  void theEnvironmentUrlComesFromTheProjectWhenTheDeploymentHasNone() {
    fixture.project(Map.of(ProjectKeys.ENVIRONMENT_URL, "https://project.example.com"));
    fixture.stubStatesInOrder(DEPLOYMENT_STATUSES, "in_progress");
    Build bare =
        TestBuilds.pending(
            "b2",
            "deployment",
            TestBuilds.DEPLOYMENT.replace("https://rocket.example.com", "not a url"));

    try (GithubStatusReporter reporter = fixture.reporter()) {
      reporter.build(TestBuilds.running(bare));
    }

    github.verify(
        postRequestedFor(urlEqualTo(DEPLOYMENT_STATUSES))
            .withRequestBody(
                equalToJson("{\"environment_url\":\"https://project.example.com\"}", true, true)));
  }

  @Test
  void eachOutcomeIsReportedOnceHoweverOftenTheBuildArrives() {
    fixture.project(Map.of());
    fixture.stubStatesInOrder(DEPLOYMENT_STATUSES, "in_progress", "success");

    try (GithubStatusReporter reporter = fixture.reporter()) {
      reporter.build(TestBuilds.running(deployment));
      reporter.build(TestBuilds.running(deployment));
      reporter.build(TestBuilds.succeeded(deployment));
      reporter.build(TestBuilds.succeeded(deployment));
      reporter.build(TestBuilds.running(deployment));
    }

    github.verify(2, postRequestedFor(urlEqualTo(DEPLOYMENT_STATUSES)));
  }

  @Test
  void deploymentStatusQualifiedAndNonGithubBuildsAreNotReported() {
    fixture.project(Map.of());

    try (GithubStatusReporter reporter = fixture.reporter()) {
      reporter.build(
          TestBuilds.running(TestBuilds.pending("s1", "deployment_status", TestBuilds.DEPLOYMENT)));
      reporter.build(
          TestBuilds.running(
              TestBuilds.pending("p1", "pull_request:opened", TestBuilds.PULL_REQUEST)));
      Build push = TestBuilds.running(TestBuilds.pending("c1", "push", TestBuilds.PUSH));
      reporter.build(
          new Build(
              "c1",
              BuildRequest.of(TestBuilds.PROJECT, "push", "brigade-cli")
                  .withPayload(TestBuilds.PUSH),
              push.createdAt(),
              push.status()));
    }

    github.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void pendingBuildsAreNotReportedSoTheFeedNeedNotReadThem() {
    fixture.project(Map.of());

    try (GithubStatusReporter reporter = fixture.reporter()) {
      assertThat(reporter.wantsPending()).isFalse();
      reporter.build(deployment);
      reporter.build(TestBuilds.pending("b9", "push", TestBuilds.PUSH));
    }

    github.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void pushBuildsGetCommitStatusesPendingThenSuccess() {
    fixture.project(Map.of());
    fixture.stubStatesInOrder(COMMIT_STATUSES, "pending", "success");
    Build push = TestBuilds.pending("b3", "push", TestBuilds.PUSH);

    try (GithubStatusReporter reporter = fixture.reporter()) {
      reporter.build(TestBuilds.running(push));
      reporter.build(TestBuilds.succeeded(push));
    }

    github.verify(
        postRequestedFor(urlEqualTo(COMMIT_STATUSES))
            .withRequestBody(
                equalToJson(
                    """
                    {"state":"pending","target_url":"https://ci.example.com/builds/b3",
                     "description":"Build b3 is running","context":"kubeherd/push"}
                    """)));
    github.verify(
        postRequestedFor(urlEqualTo(COMMIT_STATUSES))
            .withRequestBody(
                equalToJson(
                    """
                    {"state":"success","target_url":"https://ci.example.com/builds/b3",
                     "description":"Build b3 succeeded","context":"kubeherd/push"}
                    """)));
    assertThat(fixture.orderState()).isEqualTo("success");
  }

  @Test
  void pullRequestBuildsOfACheckRunProjectCreateACheckRunThenCompleteIt() {
    fixture.project(Map.of(ProjectKeys.GITHUB_STATUS, "check-run"));
    github.stubFor(
        post(urlEqualTo("/repos/acme/rocket/check-runs"))
            .willReturn(aResponse().withStatus(201).withBody("{\"id\":555}")));
    github.stubFor(
        patch(urlEqualTo("/repos/acme/rocket/check-runs/555"))
            .willReturn(aResponse().withStatus(200).withBody("{\"id\":555}")));
    Build pr = TestBuilds.pending("b4", "pull_request", TestBuilds.PULL_REQUEST);

    try (GithubStatusReporter reporter = fixture.reporter()) {
      reporter.build(TestBuilds.running(pr));
      reporter.build(TestBuilds.failed(pr, "job test(test-b4) failed"));
    }

    github.verify(
        postRequestedFor(urlEqualTo("/repos/acme/rocket/check-runs"))
            .withRequestBody(
                equalToJson(
                    """
                    {"name":"kubeherd/pull_request","head_sha":"%s","external_id":"b4",
                     "details_url":"https://ci.example.com/builds/b4",
                     "started_at":"2026-03-01T12:00:01Z","status":"in_progress"}
                    """
                        .formatted(SHA))));
    String failed = "Build b4 failed: job test(test-b4) failed";
    github.verify(
        patchRequestedFor(urlEqualTo("/repos/acme/rocket/check-runs/555"))
            .withRequestBody(
                equalToJson(
                    """
                    {"status":"completed","conclusion":"failure",
                     "completed_at":"2026-03-01T12:00:09Z",
                     "output":{"title":"%s","summary":"%s"}}
                    """
                        .formatted(failed, failed))));
    github.verify(1, postRequestedFor(urlEqualTo("/repos/acme/rocket/check-runs")));
  }

  @Test
  void aProjectWithReportingOffGetsNothing() {
    fixture.project(Map.of(ProjectKeys.GITHUB_STATUS, "none"));

    try (GithubStatusReporter reporter = fixture.reporter()) {
      reporter.build(TestBuilds.running(deployment));
      reporter.build(TestBuilds.running(TestBuilds.pending("b5", "push", TestBuilds.PUSH)));
    }

    github.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aServerErrorIsRetriedUntilGithubAnswers() {
    fixture.project(Map.of());
    github.stubFor(
        post(urlEqualTo(COMMIT_STATUSES))
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("recovered")
            .willReturn(aResponse().withStatus(502).withBody("bad gateway")));
    github.stubFor(
        post(urlEqualTo(COMMIT_STATUSES))
            .inScenario("flaky")
            .whenScenarioStateIs("recovered")
            .willReturn(aResponse().withStatus(201).withBody("{}")));

    try (GithubStatusReporter reporter = fixture.reporter()) {
      reporter.build(TestBuilds.running(TestBuilds.pending("b7", "push", TestBuilds.PUSH)));
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> github.verify(2, postRequestedFor(urlEqualTo(COMMIT_STATUSES))));
    }

    github.verify(2, postRequestedFor(urlEqualTo(COMMIT_STATUSES)));
  }
}
