package dev.kubeherd.gateway.status;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.kubeherd.gateway.status.TestBuilds.SHA;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.core.service.BuildCleanup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports across a gateway restart, and creates whose answer was lost: what GitHub already shows is
 * read back, so nothing is left pending or in progress and nothing is sent twice.
 */
class GithubStatusRestartTest {
  static final String COMMIT_STATUSES = "/repos/acme/rocket/statuses/" + SHA;
  static final String COMBINED_STATUS = "/repos/acme/rocket/commits/" + SHA + "/status";
  static final String DEPLOYMENT_STATUSES = "/repos/acme/rocket/deployments/42/statuses";
  static final String CHECK_RUNS = "/repos/acme/rocket/check-runs";
  static final String CHECK_RUN_LIST = "/repos/acme/rocket/commits/" + SHA + "/check-runs";

  @RegisterExtension
  static WireMockExtension github =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  private GithubFixture fixture;
  private final Build push = TestBuilds.pending("b6", "push", TestBuilds.PUSH);
  private final Build deployment = TestBuilds.pending("b1", "deployment", TestBuilds.DEPLOYMENT);
  private final Build pr = TestBuilds.pending("b4", "pull_request", TestBuilds.PULL_REQUEST);

  @BeforeEach
  void setUp() {
    fixture = new GithubFixture(github, dir);
    github.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(201).withBody("{\"id\":1}")));
    github.stubFor(patch(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
  }

  private void restarted() {
    fixture.clock.advance(Duration.ofMinutes(1)); // the builds ended while no gateway ran
  }

  private static void answer(String path, String json) {
    github.stubFor(
        get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200).withBody(json)));
  }

  @Test
  void aBuildThatStartedBeforeTheRestartIsNotReportedRunningAgain() {
    fixture.project(Map.of());
    restarted();

    try (GithubStatusReporter reporter = fixture.reporter()) {
      reporter.build(TestBuilds.running(deployment));
      reporter.build(TestBuilds.running(push));
    }

    github.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void anEndThatEndedWhileNoGatewayRanIsReportedAfterTheRestart() {
    fixture.project(Map.of());
    answer(
        COMBINED_STATUS,
        """
        {"state":"pending","statuses":[
          {"context":"kubeherd/push","state":"pending","description":"Build b6 is running"}]}""");
    restarted();

    try (GithubStatusReporter reporter = fixture.reporter()) {
      reporter.build(TestBuilds.succeeded(push));
    }

    github.verify(
        1,
        postRequestedFor(urlEqualTo(COMMIT_STATUSES))
            .withRequestBody(matchingJsonPath("$.state", equalTo("success"))));
  }

  @Test
  void anEndGithubAlreadyShowsIsNotSentAgainAfterTheRestart() {
    fixture.project(Map.of());
    answer(
        COMBINED_STATUS,
        """
        {"state":"pending","statuses":[
          {"context":"kubeherd/other","state":"pending","description":"x"},
          {"context":"kubeherd/push","state":"success","description":"Build b6 succeeded"}]}""");
    answer(DEPLOYMENT_STATUSES, "[{\"state\":\"success\"},{\"state\":\"in_progress\"}]");
    restarted();

    try (GithubStatusReporter reporter = fixture.reporter()) {
      reporter.build(TestBuilds.succeeded(push));
      reporter.build(TestBuilds.succeeded(deployment));
    }

    github.verify(0, postRequestedFor(anyUrl()));
  }

  /** A rerun on the same commit failed while no gateway ran: the earlier success must not stand. */
  @Test
  void anEndIsSentAfterTheRestartWhenTheLatestStatusIsAnEarlierBuildsButNotALaterOnes() {
    fixture.project(Map.of());
    answer(
        COMBINED_STATUS,
        """
        {"state":"success","statuses":[
          {"context":"kubeherd/push","state":"success","description":"Build b5 succeeded"}]}""");
    restarted();

    try (GithubStatusReporter reporter = fixture.reporter()) {
      reporter.build(TestBuilds.failed(push, "job test failed"));
    }
    github.verify(
        1,
        postRequestedFor(urlEqualTo(COMMIT_STATUSES))
            .withRequestBody(matchingJsonPath("$.state", equalTo("failure"))));

    github.resetRequests();
    answer(
        COMBINED_STATUS,
        """
        {"state":"success","statuses":[
          {"context":"kubeherd/push","state":"success","description":"Build b7 succeeded"}]}""");
    try (GithubStatusReporter reporter = fixture.reporter()) {
      reporter.build(TestBuilds.failed(push, "job test failed"));
    }
    github.verify(0, postRequestedFor(urlEqualTo(COMMIT_STATUSES)));
  }

  @Test
  void aBuildWithdrawnBeforeItRanIsNotReported() {
    fixture.project(Map.of());
    Build withdrawn =
        push.withStatus(
            BuildStatus.pending()
                .running(BuildCleanup.CLAIMANT, TestBuilds.T0.plusSeconds(1))
                .finished(
                    false,
                    130,
                    TestBuilds.T0.plusSeconds(2),
                    "its delivery could not be recorded"));

    try (GithubStatusReporter reporter = fixture.reporter()) {
      reporter.build(withdrawn);
    }

    github.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aDeploymentLeftInProgressGetsItsEndAfterTheRestartAndOneWithNoStatusGetsBoth() {
    fixture.project(Map.of());
    answer(DEPLOYMENT_STATUSES, "[{\"state\":\"in_progress\"}]");
    restarted();

    try (GithubStatusReporter reporter = fixture.reporter()) {
      reporter.build(TestBuilds.failed(deployment, "job deploy failed"));
    }
    github.verify(1, postRequestedFor(urlEqualTo(DEPLOYMENT_STATUSES)));
    github.verify(
        postRequestedFor(urlEqualTo(DEPLOYMENT_STATUSES))
            .withRequestBody(matchingJsonPath("$.state", equalTo("failure"))));

    github.resetRequests();
    answer(DEPLOYMENT_STATUSES, "[]");
    Build other = TestBuilds.pending("b9", "deployment", TestBuilds.DEPLOYMENT);
    try (GithubStatusReporter reporter = fixture.reporter()) {
      reporter.build(TestBuilds.succeeded(other));
    }
    github.verify(2, postRequestedFor(urlEqualTo(DEPLOYMENT_STATUSES)));
  }

  @Test
  void aCheckRunCreatedBeforeTheRestartIsCompletedNotDuplicated() {
    fixture.project(Map.of(ProjectKeys.GITHUB_STATUS, "check-run"));
    answer(
        CHECK_RUN_LIST,
        """
        {"total_count":2,"check_runs":[
          {"id":554,"external_id":"b3","status":"in_progress"},
          {"id":555,"external_id":"b4","status":"in_progress"}]}""");
    reportRunningThenEndAfterARestart();

    github.verify(0, postRequestedFor(urlEqualTo(CHECK_RUNS)));
    github.verify(
        1,
        patchRequestedFor(urlEqualTo(CHECK_RUNS + "/555"))
            .withRequestBody(matchingJsonPath("$.conclusion", equalTo("success"))));
  }

  @Test
  void aCheckRunCreateWhoseAnswerWasLostIsLookedUpNotSentTwice() {
    fixture.project(Map.of(ProjectKeys.GITHUB_STATUS, "check-run"));
    github.stubFor(
        post(urlEqualTo(CHECK_RUNS))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    // GitHub made the run although the answer never arrived
    answer(
        CHECK_RUN_LIST,
        """
        {"total_count":1,"check_runs":[{"id":777,"external_id":"b4","status":"in_progress"}]}""");

    try (GithubStatusReporter reporter = fixture.reporter()) {
      reporter.build(TestBuilds.running(pr));
      reporter.build(TestBuilds.succeeded(pr));
    }

    github.verify(1, postRequestedFor(urlEqualTo(CHECK_RUNS)));
    github.verify(1, patchRequestedFor(urlEqualTo(CHECK_RUNS + "/777")));
  }

  @Test
  void aCheckRunOnALaterPageOfTheCommitsRunsIsFoundAndCompletedNotDuplicated() {
    fixture.project(Map.of(ProjectKeys.GITHUB_STATUS, "check-run"));
    StringBuilder firstPage = new StringBuilder("{\"total_count\":101,\"check_runs\":[");
    for (int i = 0; i < GithubReported.PAGE_SIZE; i++) {
      firstPage.append(i == 0 ? "" : ",").append("{\"id\":").append(1000 + i);
      firstPage
          .append(",\"external_id\":\"other-")
          .append(i)
          .append("\",\"status\":\"completed\"}");
    }
    github.stubFor( // the first page, also when no page is asked for (GitHub's default)
        get(urlPathEqualTo(CHECK_RUN_LIST))
            .atPriority(2)
            .willReturn(aResponse().withStatus(200).withBody(firstPage + "]}")));
    github.stubFor(
        get(urlPathEqualTo(CHECK_RUN_LIST))
            .withQueryParam("page", equalTo("2"))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(
                        """
                        {"total_count":101,"check_runs":[
                          {"id":555,"external_id":"b4","status":"in_progress"}]}""")));
    reportRunningThenEndAfterARestart();

    github.verify(0, postRequestedFor(urlEqualTo(CHECK_RUNS)));
    github.verify(1, patchRequestedFor(urlEqualTo(CHECK_RUNS + "/555")));
  }

  /**
   * One gateway process reports the pull request's build running; a new one (a minute later) sees
   * it running and then ending after it started.
   */
  private void reportRunningThenEndAfterARestart() {
    try (GithubStatusReporter reporter = fixture.reporter()) {
      reporter.build(TestBuilds.running(pr));
    }
    github.resetRequests();

    fixture.clock.advance(Duration.ofMinutes(1));
    try (GithubStatusReporter reporter = fixture.reporter()) {
      reporter.build(TestBuilds.running(pr));
      fixture.clock.advance(Duration.ofSeconds(30));
      reporter.build(
          pr.withStatus(
              TestBuilds.running(pr).status().finished(true, 0, fixture.clock.instant(), "")));
    }
  }

  private static com.github.tomakehurst.wiremock.matching.StringValuePattern equalTo(String s) {
    return com.github.tomakehurst.wiremock.client.WireMock.equalTo(s);
  }
}
