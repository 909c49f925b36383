package dev.kubeherd.gateway.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.Revision;
import dev.kubeherd.gateway.github.GithubMapping.Kind;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract's §6.3 mapping table, one row per case. */
class GithubEventsTest {
  private static final String REPO = "\"repository\":{\"full_name\":\"Acme/Rocket\"}";
  private static final String PROJECT_ID = ProjectIds.fromName("Acme/Rocket");
  private static final GithubEvents DEFAULTS = new GithubEvents(GithubSettings.defaults(""));

  private static final String PR_SAME_REPO =
      "\"pull_request\":{\"number\":12,\"title\":\"Fix it\",\"author_association\":\"NONE\","
          + "\"head\":{\"sha\":\"abc123\",\"repo\":{\"full_name\":\"Acme/Rocket\",\"fork\":false}},"
          + "\"base\":{\"repo\":{\"full_name\":\"Acme/Rocket\"}}}";

  private static String forkPr(String association) {
    return "\"pull_request\":{\"number\":7,\"title\":\"From a fork\",\"author_association\":\""
        + association
        + "\",\"head\":{\"sha\":\"f0f0\",\"repo\":{\"full_name\":\"Stranger/Rocket\",\"fork\":true}},"
        + "\"base\":{\"repo\":{\"full_name\":\"Acme/Rocket\"}}}";
  }

  private static String body(String... parts) {
    return "{" + String.join(",", parts) + "," + REPO + "}";
  }

  /** A row: event, body, expected build types, commit, ref, short title, long title. */
  static Stream<Arguments> table() {
    return Stream.of(
        row(
            "push to a branch",
            "push",
            body("\"ref\":\"refs/heads/main\"", "\"head_commit\":{\"id\":\"c0ffee\"}"),
            List.of("push"),
            "c0ffee",
            "refs/heads/main",
            "branch: main",
            "branch: main"),
        row(
            "push of a tag",
            "push",
            body(
                "\"ref\":\"refs/tags/v1\"", "\"deleted\":false", "\"head_commit\":{\"id\":\"c1\"}"),
            List.of("push"),
            "c1",
            "refs/tags/v1",
            "tag: v1",
            "tag: v1"),
        row(
            "pull request opened",
            "pull_request",
            body("\"action\":\"opened\"", PR_SAME_REPO),
            List.of("pull_request", "pull_request:opened"),
            "abc123",
            "refs/pull/12/head",
            "PR #12",
            "PR #12: Fix it"),
        row(
            "fork pull request by a member",
            "pull_request",
            body("\"action\":\"synchronize\"", forkPr("MEMBER")),
            List.of("pull_request", "pull_request:synchronize"),
            "f0f0",
            "refs/pull/7/head",
            "PR #7",
            "PR #7: From a fork"),
        row(
            "review of a fork pull request by anyone",
            "pull_request_review",
            body("\"action\":\"submitted\"", forkPr("NONE")),
            List.of("pull_request_review", "pull_request_review:submitted"),
            "f0f0",
            "refs/pull/7/head",
            "PR #7",
            "PR #7: From a fork"),
        row(
            "review comment",
            "pull_request_review_comment",
            body("\"action\":\"created\"", PR_SAME_REPO),
            List.of("pull_request_review_comment", "pull_request_review_comment:created"),
            "abc123",
            "refs/pull/12/head",
            "PR #12",
            "PR #12: Fix it"),
        row(
            "commit comment",
            "commit_comment",
            body("\"action\":\"created\"", "\"comment\":{\"commit_id\":\"cc11\"}"),
            List.of("commit_comment", "commit_comment:created"),
            "cc11",
            "",
            "",
            ""),
        row(
            "create of a tag",
            "create",
            body("\"ref\":\"0.0.1\"", "\"ref_type\":\"tag\""),
            List.of("create"),
            "",
            "0.0.1",
            "",
            ""),
        row(
            "deployment",
            "deployment",
            body(
                "\"action\":\"created\"",
                "\"deployment\":{\"id\":42,\"sha\":\"d1\",\"ref\":\"main\","
                    + "\"environment\":\"production\",\"description\":\"weekly\"}"),
            List.of("deployment"),
            "d1",
            "main",
            "deploy main to production",
            "deployment #42, deploy main to production: weekly"),
        row(
            "deployment status",
            "deployment_status",
            body(
                "\"action\":\"created\"",
                "\"deployment_status\":{\"state\":\"success\"}",
                "\"deployment\":{\"id\":43,\"sha\":\"d2\",\"ref\":\"prod\","
                    + "\"environment\":\"staging\"}"),
            List.of("deployment_status"),
            "d2",
            "prod",
            "deploy prod to staging: success",
            "deployment #43, deploy prod to staging: success"),
        row(
            "release published",
            "release",
            body("\"action\":\"published\"", "\"release\":{\"tag_name\":\"v2.0.0\"}"),
            List.of("release", "release:published"),
            "",
            "v2.0.0",
            "",
            ""),
        row(
            "status",
            "status",
            body("\"state\":\"success\"", "\"commit\":{\"sha\":\"5a5a\"}"),
            List.of("status"),
            "5a5a",
            "",
            "",
            ""),
        row(
            "comment on a pull request",
            "issue_comment",
            body(
                "\"action\":\"created\"",
                "\"issue\":{\"number\":3,\"title\":\"Flaky\",\"pull_request\":{}}"),
            List.of("issue_comment", "issue_comment:created"),
            "",
            "refs/pull/3/head",
            "PR #3",
            "PR #3: Flaky"),
        row(
            "comment on a plain issue",
            "issue_comment",
            body("\"action\":\"edited\"", "\"issue\":{\"number\":4,\"title\":\"Bug\"}"),
            List.of("issue_comment", "issue_comment:edited"),
            "",
            "refs/heads/master",
            "PR #4",
            "PR #4: Bug"));
  }

  private static Arguments row(
      String name,
      String event,
      String body,
      List<String> types,
      String commit,
      String ref,
      String shortTitle,
      String longTitle) {
    return Arguments.of(name, event, body, types, commit, ref, shortTitle, longTitle);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void mapsTheEventAsTheContractTableSays(
      String name,
      String event,
      String body,
      List<String> types,
      String commit,
      String ref,
      String shortTitle,
      String longTitle) {
    GithubMapping mapping = DEFAULTS.map(event, body);

    assertThat(mapping.kind()).isEqualTo(Kind.BUILDS);
    assertThat(mapping.projectName()).isEqualTo("Acme/Rocket");
    assertThat(mapping.builds()).extracting(BuildRequest::type).containsExactlyElementsOf(types);
    String expectedPayload = event.equals("issue_comment") ? "" : body;
    assertThat(mapping.builds())
        .allSatisfy(
            b -> {
              assertThat(b.projectId()).isEqualTo(PROJECT_ID);
              assertThat(b.provider()).isEqualTo("github");
              assertThat(b.revision()).isEqualTo(new Revision(commit, ref));
              assertThat(b.shortTitle()).isEqualTo(shortTitle);
              assertThat(b.longTitle()).isEqualTo(longTitle);
              assertThat(b.payload()).isEqualTo(expectedPayload);
            });
  }

  @Test
  void branchDeletionIsSkipped() {
    GithubMapping mapping =
        DEFAULTS.map("push", body("\"ref\":\"refs/heads/gone\"", "\"deleted\":true"));

    assertThat(mapping.kind()).isEqualTo(Kind.SKIPPED);
    assertThat(mapping.message()).isEqualTo("build skipped on branch deletion");
    assertThat(mapping.builds()).isEmpty();
  }

  @Test
  void forkPullRequestFromANonMemberIsSkipped() {
    GithubMapping mapping =
        DEFAULTS.map("pull_request", body("\"action\":\"opened\"", forkPr("CONTRIBUTOR")));

    assertThat(mapping.kind()).isEqualTo(Kind.SKIPPED);
    assertThat(mapping.message()).contains("fork pull request").contains("CONTRIBUTOR");
  }

  @Test
  void configuredAuthorsLetAForkPullRequestBuild() {
    GithubEvents events =
        new GithubEvents(GithubSettings.fromEnv(Map.of("BRIGADE_AUTHORS", "contributor")));

    assertThat(
            events.map("pull_request", body("\"action\":\"opened\"", forkPr("CONTRIBUTOR"))).kind())
        .isEqualTo(Kind.BUILDS);
  }

  @Test
  void pullRequestActionsOutsideTheListAreSkipped() {
    GithubMapping mapping =
        DEFAULTS.map("pull_request", body("\"action\":\"assigned\"", PR_SAME_REPO));

    assertThat(mapping.kind()).isEqualTo(Kind.SKIPPED);
    assertThat(mapping.message()).startsWith("build skipped");
  }

  @Test
  void allowedEventsKeepQualifiedOrPlainNames() {
    GithubEvents onlyOpened =
        new GithubEvents(
            GithubSettings.fromEnv(Map.of("BRIGADE_EVENTS", "pull_request:opened, push")));
    GithubEvents onlyPlain =
        new GithubEvents(GithubSettings.fromEnv(Map.of("BRIGADE_EVENTS", "pull_request")));
    String opened = body("\"action\":\"opened\"", PR_SAME_REPO);

    assertThat(onlyOpened.map("pull_request", opened).builds())
        .extracting(BuildRequest::type)
        .containsExactly("pull_request:opened");
    assertThat(onlyPlain.map("pull_request", opened).builds())
        .extracting(BuildRequest::type)
        .containsExactly("pull_request", "pull_request:opened");
  }

  @Test
  void eventWhoseBuildsAreAllFilteredOutIsSkipped() {
    GithubEvents onlyPush =
        new GithubEvents(GithubSettings.fromEnv(Map.of("BRIGADE_EVENTS", "push")));

    assertThat(onlyPush.map("release", body("\"action\":\"published\"")).kind())
        .isEqualTo(Kind.SKIPPED);
  }

  @Test
  void pingIsAnsweredWithoutBuildsOrParsing() {
    GithubMapping mapping = DEFAULTS.map("ping", "not even json");

    assertThat(mapping.kind()).isEqualTo(Kind.PING);
    assertThat(mapping.builds()).isEmpty();
  }

  @Test
  void unsupportedEventIsIgnored() {
    assertThat(DEFAULTS.map("watch", body("\"action\":\"started\"")).kind())
        .isEqualTo(Kind.IGNORED);
    assertThat(DEFAULTS.map("check_suite", body("\"action\":\"requested\"")).kind())
        .isEqualTo(Kind.IGNORED);
  }

  @Test
  void bodyThatIsNotJsonOrHasNoRepositoryIsMalformed() {
    assertThatThrownBy(() -> DEFAULTS.map("push", "{nope"))
        .isInstanceOf(MalformedDeliveryException.class)
        .hasMessageContaining("not JSON");
    assertThatThrownBy(() -> DEFAULTS.map("push", "{\"ref\":\"refs/heads/x\"}"))
        .isInstanceOf(MalformedDeliveryException.class)
        .hasMessageContaining("repository.full_name");
  }

  @Test
  void settingsNeverPrintTheDefaultSecret() {
    assertThat(GithubSettings.defaults("hunter2").toString()).doesNotContain("hunter2");
  }

  private static final GithubEvents AS_APP =
      new GithubEvents(GithubSettings.defaults(""), java.util.Optional.of("4242"));

  private static String checkSuite(String action, int app) {
    return body(
        "\"action\":\"" + action + "\"",
        "\"installation\":{\"id\":99}",
        "\"check_suite\":{\"head_sha\":\"beef\",\"head_branch\":\"dev\",\"app\":{\"id\":"
            + app
            + "}}");
  }

  @Test
  void checkSuiteOfTheGatewaysAppIsWrappedForItsInstallation() {
    GithubMapping mapping = AS_APP.map("check_suite", checkSuite("requested", 4242));

    assertThat(mapping.kind()).isEqualTo(Kind.BUILDS);
    assertThat(mapping.builds())
        .extracting(BuildRequest::type)
        .containsExactly("check_suite", "check_suite:requested");
    assertThat(mapping.builds())
        .allSatisfy(b -> assertThat(b.revision()).isEqualTo(new Revision("beef", "dev")));
    assertThat(mapping.wrapper())
        .hasValueSatisfying(
            w -> {
              assertThat(w.type()).isEqualTo("check_suite");
              assertThat(w.installationId()).isEqualTo(99);
              assertThat(w.pullRequest()).isEmpty();
            });
  }

  @Test
  void checkSuitesOfOtherAppsOrWithoutAnAppAreIgnored() {
    assertThat(AS_APP.map("check_suite", checkSuite("requested", 1)).kind())
        .isEqualTo(Kind.IGNORED);
    assertThat(DEFAULTS.map("check_suite", checkSuite("requested", 4242)).kind())
        .isEqualTo(Kind.IGNORED);
  }

  @Test
  void checkRunTakesTheAppFromItsSuiteWhenItNamesNone() {
    String run =
        body(
            "\"action\":\"requested_action\"",
            "\"installation\":{\"id\":99}",
            "\"check_run\":{\"check_suite\":{\"head_sha\":\"c1\",\"head_branch\":\"main\","
                + "\"app\":{\"id\":4242}}}");

    GithubMapping mapping = AS_APP.map("check_run", run);

    assertThat(mapping.builds())
        .extracting(BuildRequest::type)
        .containsExactly("check_run", "check_run:requested_action");
    assertThat(mapping.wrapper()).isPresent();
  }

  @Test
  void commentOnAPlainIssueIsNotWrapped() {
    String comment =
        body(
            "\"action\":\"created\"",
            "\"installation\":{\"id\":99}",
            "\"issue\":{\"number\":3,\"title\":\"Bug\"}",
            "\"comment\":{\"author_association\":\"OWNER\"}");

    GithubMapping mapping = AS_APP.map("issue_comment", comment);

    assertThat(mapping.wrapper()).isEmpty();
    assertThat(mapping.builds())
        .allSatisfy(
            b -> {
              assertThat(b.payload()).isEmpty();
              assertThat(b.revision().ref()).isEqualTo("refs/heads/master");
            });
  }
}
