package dev.kubeherd.gateway.github;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.Revision;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Maps a GitHub delivery (the {@code X-GitHub-Event} type and the raw JSON body) to Brigade v1
 * builds, following the contract's table (§6.3): revision and titles per event, an {@code event}
 * build plus an {@code event:action} build for events with actions, the allowed-event filter, the
 * fork pull request author filter and the branch deletion skip. Pure: no I/O.
 *
 * <p>Not mapped yet: {@code check_suite} and {@code check_run} (they need the GitHub App ID and an
 * installation token for the wrapper payload) are ignored, and {@code issue_comment} builds carry
 * an empty payload and no commit (the wrapper payload needs the pull request fetched from GitHub).
 */
public final class GithubEvents {
  public static final String PROVIDER = "github";
  static final Set<String> PR_ACTIONS =
      Set.of("opened", "synchronize", "reopened", "labeled", "unlabeled", "closed");

  private final GithubSettings settings;

  public GithubEvents(GithubSettings settings) {
    this.settings = settings;
  }

  /**
   * @throws MalformedDeliveryException when the body is not a JSON object or has no {@code
   *     repository.full_name}
   */
  public GithubMapping map(String event, String body) {
    if ("ping".equals(event)) {
      return GithubMapping.ping();
    }
    if (!isSupported(event)) {
      return GithubMapping.ignored();
    }
    JsonNode root = parse(body);
    String projectName = text(root.path("repository").path("full_name"));
    if (projectName.isEmpty()) {
      throw new MalformedDeliveryException(
          "Malformed body: a " + event + " delivery must name repository.full_name");
    }
    return new Delivery(event, body, root, projectName).map();
  }

  /** Whether the gateway maps this event type (ping aside). */
  public static boolean isSupported(String event) {
    return switch (event == null ? "" : event) {
      case "push",
          "pull_request",
          "pull_request_review",
          "pull_request_review_comment",
          "commit_comment",
          "create",
          "deployment",
          "deployment_status",
          "release",
          "status",
          "issue_comment" ->
          true;
      default -> false;
    };
  }

  static JsonNode parse(String body) {
    try {
      JsonNode root = Json.MAPPER.readTree(body);
      if (root == null || !root.isObject()) {
        throw new MalformedDeliveryException("Malformed body: expected a JSON object");
      }
      return root;
    } catch (JacksonException e) {
      throw new MalformedDeliveryException(
          "Malformed body: not JSON (" + e.getOriginalMessage() + ")", e);
    }
  }

  static String text(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return "";
    }
    return node.isString() ? node.asString() : node.toString();
  }

  /** One delivery being mapped. */
  private final class Delivery {
    private final String event;
    private final String body;
    private final JsonNode root;
    private final String projectName;

    Delivery(String event, String body, JsonNode root, String projectName) {
      this.event = event;
      this.body = body;
      this.root = root;
      this.projectName = projectName;
    }

    GithubMapping map() {
      return switch (event) {
        case "push" -> push();
        case "pull_request" -> pullRequest();
        case "pull_request_review", "pull_request_review_comment" ->
            withAction(prRevision(), prShortTitle(), prLongTitle(), body);
        case "commit_comment" ->
            withAction(new Revision(text(root.at("/comment/commit_id")), ""), "", "", body);
        case "create" -> single(Revision.ofRef(text(root.path("ref"))));
        case "deployment", "deployment_status" -> deployment();
        case "release" ->
            withAction(Revision.ofRef(text(root.at("/release/tag_name"))), "", "", body);
        case "status" -> single(new Revision(text(root.at("/commit/sha")), ""));
        case "issue_comment" -> issueComment();
        default -> throw new IllegalStateException("unsupported event " + event);
      };
    }

    private GithubMapping push() {
      if (root.path("deleted").asBoolean(false)) {
        return GithubMapping.skipped(projectName, "build skipped on branch deletion");
      }
      String ref = text(root.path("ref"));
      String title = refTitle(ref);
      Revision revision = new Revision(text(root.at("/head_commit/id")), ref);
      return GithubMapping.builds(
          projectName, filtered(List.of(event), revision, title, title, body));
    }

    private GithubMapping pullRequest() {
      String action = text(root.path("action"));
      if (!PR_ACTIONS.contains(action)) {
        return GithubMapping.skipped(
            projectName, "build skipped: pull_request action '" + action + "' is not built");
      }
      JsonNode pr = root.path("pull_request");
      if (isFork(pr)) {
        String association = text(pr.path("author_association"));
        if (!settings.allowsAuthor(association)) {
          return GithubMapping.skipped(
              projectName,
              "build skipped: fork pull request by an author with association '"
                  + association
                  + "', allowed are "
                  + settings.allowedAuthors());
        }
      }
      return withAction(prRevision(), prShortTitle(), prLongTitle(), body);
    }

    /**
     * One build (no {@code :action} variant, as in v1) at the deployed sha and ref, titled with the
     * environment so {@code brig build list} tells deployments apart.
     */
    private GithubMapping deployment() {
      JsonNode deployment = root.path("deployment");
      Revision revision = new Revision(text(deployment.path("sha")), text(deployment.path("ref")));
      String environment = text(deployment.path("environment"));
      String shortTitle = "deploy " + text(deployment.path("ref")) + " to " + environment;
      if (event.equals("deployment_status")) {
        shortTitle += ": " + text(root.at("/deployment_status/state"));
      }
      String longTitle = "deployment #" + text(deployment.path("id")) + ", " + shortTitle;
      String description = text(deployment.path("description"));
      if (!description.isEmpty()) {
        longTitle += ": " + description;
      }
      return GithubMapping.builds(
          projectName, filtered(List.of(event), revision, shortTitle, longTitle, body));
    }

    private GithubMapping issueComment() {
      JsonNode issue = root.path("issue");
      String number = text(issue.path("number"));
      boolean onPr = !issue.path("pull_request").isMissingNode();
      Revision revision =
          Revision.ofRef(onPr ? "refs/pull/" + number + "/head" : "refs/heads/master");
      return withAction(
          revision, "PR #" + number, "PR #" + number + ": " + text(issue.path("title")), "");
    }

    private boolean isFork(JsonNode pr) {
      if (pr.at("/head/repo/fork").asBoolean(false)) {
        return true;
      }
      String head = text(pr.at("/head/repo/full_name"));
      String base = text(pr.at("/base/repo/full_name"));
      return !head.isEmpty() && !base.isEmpty() && !head.equals(base);
    }

    private Revision prRevision() {
      JsonNode pr = root.path("pull_request");
      return new Revision(
          text(pr.at("/head/sha")), "refs/pull/" + text(pr.path("number")) + "/head");
    }

    private String prShortTitle() {
      return "PR #" + text(root.at("/pull_request/number"));
    }

    private String prLongTitle() {
      return prShortTitle() + ": " + text(root.at("/pull_request/title"));
    }

    private GithubMapping single(Revision revision) {
      return GithubMapping.builds(projectName, filtered(List.of(event), revision, "", "", body));
    }

    private GithubMapping withAction(
        Revision revision, String shortTitle, String longTitle, String payload) {
      String action = text(root.path("action"));
      List<String> names = action.isEmpty() ? List.of(event) : List.of(event, event + ":" + action);
      return GithubMapping.builds(
          projectName, filtered(names, revision, shortTitle, longTitle, payload));
    }

    private List<BuildRequest> filtered(
        List<String> names,
        Revision revision,
        String shortTitle,
        String longTitle,
        String payload) {
      String projectId = ProjectIds.fromName(projectName);
      List<BuildRequest> out = new ArrayList<>();
      for (String name : names) {
        if (settings.allowsEvent(name)) {
          out.add(
              new BuildRequest(
                  projectId,
                  name,
                  PROVIDER,
                  revision,
                  payload,
                  "",
                  "",
                  "",
                  shortTitle,
                  longTitle,
                  ""));
        }
      }
      return out;
    }
  }

  static String refTitle(String ref) {
    if (ref.startsWith("refs/heads/")) {
      return "branch: " + ref.substring("refs/heads/".length());
    }
    if (ref.startsWith("refs/tags/")) {
      return "tag: " + ref.substring("refs/tags/".length());
    }
    return ref;
  }
}
