package dev.kubeherd.gateway.github;

import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The Brigade v1 contract's GitHub table (brigade-v1-contract.md §6.3), written out again for tests
 * straight from the document, independently of {@link GithubEvents}: what a delivery of each event
 * type should answer and which builds it should store, with the v1 defaults (every event allowed;
 * fork pull requests only from COLLABORATOR, OWNER or MEMBER authors).
 *
 * <p>The gateway here runs without a GitHub App, as the v1 github-app gateway would with another
 * App's ID: {@code check_suite}/{@code check_run} are ignored, and {@code issue_comment} builds
 * carry no commit and an empty payload (with an App, the wrapper payload and the pull request's
 * head commit are tested against WireMock in {@code GithubWrapperPayloadTest}).
 */
final class ContractTable {
  private static final Set<String> BUILT_PR_ACTIONS =
      Set.of("opened", "synchronize", "reopened", "labeled", "unlabeled", "closed");
  private static final Set<String> FORK_AUTHORS = Set.of("COLLABORATOR", "OWNER", "MEMBER");

  /** The event types that create builds (the table's rows, without the check_* rows). */
  static final Set<String> MAPPED =
      Set.of(
          "push",
          "pull_request",
          "pull_request_review",
          "pull_request_review_comment",
          "commit_comment",
          "create",
          "deployment",
          "deployment_status",
          "release",
          "status",
          "issue_comment");

  private ContractTable() {}

  /** One build the table says a delivery creates. */
  record ExpectedBuild(
      String type,
      String commit,
      String ref,
      String shortTitle,
      String longTitle,
      boolean rawPayload) {}

  /** The answer a delivery should get: its HTTP status, a fragment of its body, its builds. */
  record Expected(int status, String bodyContains, List<ExpectedBuild> builds, String why) {
    static Expected answer(int status, String bodyContains, String why) {
      return new Expected(status, bodyContains, List.of(), why);
    }
  }

  static Expected expect(String event, JsonNode payload) {
    if (event.equals("ping")) {
      return Expected.answer(200, "\"message\":\"OK\"", "ping");
    }
    if (!MAPPED.contains(event)) {
      return Expected.answer(200, "\"message\":\"Ignored\"", "not a built event type");
    }
    if (str(payload.at("/repository/full_name")).isEmpty()) {
      return Expected.answer(400, "Malformed body", "a built event type without a repository");
    }
    String action = str(payload.path("action"));
    return switch (event) {
      case "push" -> push(payload);
      case "pull_request" -> pullRequest(payload, action);
      case "pull_request_review", "pull_request_review_comment" ->
          builds(withAction(event, action, prBuild(event, payload)));
      case "commit_comment" ->
          builds(
              withAction(
                  event,
                  action,
                  new ExpectedBuild(
                      event, str(payload.at("/comment/commit_id")), "", "", "", true)));
      case "create" ->
          builds(List.of(new ExpectedBuild(event, "", str(payload.path("ref")), "", "", true)));
      case "deployment", "deployment_status" ->
          builds(
              List.of(
                  new ExpectedBuild(
                      event,
                      str(payload.at("/deployment/sha")),
                      str(payload.at("/deployment/ref")),
                      deploymentTitle(event, payload),
                      deploymentLongTitle(event, payload),
                      true)));
      case "release" ->
          builds(
              withAction(
                  event,
                  action,
                  new ExpectedBuild(
                      event, "", str(payload.at("/release/tag_name")), "", "", true)));
      case "status" ->
          builds(
              List.of(new ExpectedBuild(event, str(payload.at("/commit/sha")), "", "", "", true)));
      case "issue_comment" -> builds(withAction(event, action, issueComment(payload)));
      default -> throw new IllegalStateException(event);
    };
  }

  private static Expected push(JsonNode payload) {
    if (payload.path("deleted").asBoolean(false)) {
      return Expected.answer(200, "build skipped on branch deletion", "branch deletion");
    }
    String ref = str(payload.path("ref"));
    String title =
        ref.startsWith("refs/heads/")
            ? "branch: " + ref.substring(11)
            : ref.startsWith("refs/tags/") ? "tag: " + ref.substring(10) : ref;
    return builds(
        List.of(
            new ExpectedBuild(
                "push", str(payload.at("/head_commit/id")), ref, title, title, true)));
  }

  private static Expected pullRequest(JsonNode payload, String action) {
    if (!BUILT_PR_ACTIONS.contains(action)) {
      return Expected.answer(200, "build skipped", "pull_request action " + action);
    }
    JsonNode pr = payload.path("pull_request");
    String head = str(pr.at("/head/repo/full_name"));
    String base = str(pr.at("/base/repo/full_name"));
    boolean fork =
        pr.at("/head/repo/fork").asBoolean(false)
            || (!head.isEmpty() && !base.isEmpty() && !head.equals(base));
    if (fork && !FORK_AUTHORS.contains(str(pr.path("author_association")))) {
      return Expected.answer(200, "build skipped", "fork pull request by an outside author");
    }
    return builds(withAction("pull_request", action, prBuild("pull_request", payload)));
  }

  private static ExpectedBuild prBuild(String event, JsonNode payload) {
    JsonNode pr = payload.path("pull_request");
    String number = str(pr.path("number"));
    return new ExpectedBuild(
        event,
        str(pr.at("/head/sha")),
        "refs/pull/" + number + "/head",
        "PR #" + number,
        "PR #" + number + ": " + str(pr.path("title")),
        true);
  }

  private static ExpectedBuild issueComment(JsonNode payload) {
    JsonNode issue = payload.path("issue");
    String number = str(issue.path("number"));
    boolean onPullRequest = issue.has("pull_request") && !issue.path("pull_request").isNull();
    // without a GitHub App the pull request is not fetched: no head sha, no wrapper payload
    return new ExpectedBuild(
        "issue_comment",
        "",
        onPullRequest ? "refs/pull/" + number + "/head" : "refs/heads/master",
        "PR #" + number,
        "PR #" + number + ": " + str(issue.path("title")),
        false);
  }

  private static List<ExpectedBuild> withAction(String event, String action, ExpectedBuild build) {
    if (action.isEmpty()) {
      return List.of(build);
    }
    ExpectedBuild qualified =
        new ExpectedBuild(
            event + ":" + action,
            build.commit(),
            build.ref(),
            build.shortTitle(),
            build.longTitle(),
            build.rawPayload());
    return List.of(build, qualified);
  }

  private static Expected builds(List<ExpectedBuild> builds) {
    return new Expected(200, "\"status\":\"Complete\"", builds, "builds");
  }

  private static String str(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return "";
    }
    return node.isValueNode() ? node.asString() : node.toString();
  }

  /**
   * v1 left deployment titles empty; kubeherd titles them (docs/gateway.md): {@code deploy <ref> to
   * <environment>}, plus {@code : <state>} for a status.
   */
  private static String deploymentTitle(String event, JsonNode payload) {
    String title =
        "deploy "
            + str(payload.at("/deployment/ref"))
            + " to "
            + str(payload.at("/deployment/environment"));
    return event.equals("deployment_status")
        ? title + ": " + str(payload.at("/deployment_status/state"))
        : title;
  }

  /** {@code deployment #<id>, <title>}, plus {@code : <description>} when it has one. */
  private static String deploymentLongTitle(String event, JsonNode payload) {
    String title =
        "deployment #" + str(payload.at("/deployment/id")) + ", " + deploymentTitle(event, payload);
    String description = str(payload.at("/deployment/description"));
    return description.isEmpty() ? title : title + ": " + description;
  }
}
