package dev.kubeherd.gateway.github;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.Revision;
import dev.kubeherd.gateway.BodyText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.filter.FilteringParserDelegate;
import tools.jackson.core.filter.TokenFilter;
import tools.jackson.databind.JsonNode;

/**
 * Maps a GitHub delivery (the {@code X-GitHub-Event} type and the raw JSON body) to Brigade v1
 * builds, following the contract's table (§6.3): revision and titles per event, an {@code event}
 * build plus an {@code event:action} build for events with actions, the allowed-event filter, the
 * fork pull request author filter and the branch deletion skip. Pure: no I/O.
 *
 * <p>{@code check_suite} and {@code check_run} deliveries of the gateway's own GitHub App, and
 * created or edited comments on pull requests by allowed authors, are marked for the contract's
 * wrapper payload ({@link GithubWrapper}), which the receiver completes with an installation token;
 * without an App, check suites and runs are ignored and issue comments carry an empty payload.
 */
public final class GithubEvents {
  public static final String PROVIDER = "github";
  static final Set<String> PR_ACTIONS =
      Set.of("opened", "synchronize", "reopened", "labeled", "unlabeled", "closed");
  static final Set<String> CHECK_SUITE_ACTIONS = Set.of("requested", "rerequested", "completed");
  static final Set<String> CHECK_RUN_ACTIONS =
      Set.of("created", "completed", "rerequested", "requested_action");
  static final Set<String> COMMENT_ACTIONS = Set.of("created", "edited");

  private final GithubSettings settings;
  private final Optional<String> appId;

  /** Without a GitHub App: check suites and runs are ignored. */
  public GithubEvents(GithubSettings settings) {
    this(settings, Optional.empty());
  }

  /**
   * @param appId the ID of the GitHub App the gateway runs as, if any
   */
  public GithubEvents(GithubSettings settings, Optional<String> appId) {
    this.settings = settings;
    this.appId = appId.map(String::strip).filter(s -> !s.isEmpty());
  }

  /**
   * @throws MalformedDeliveryException when the body is not a JSON object or has no {@code
   *     repository.full_name}
   */
  public GithubMapping map(String event, String body) {
    return map(event, body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * {@link #map(String, String)} on the raw body: parsed from its bytes (faster than from a
   * String); builds carry it decoded as UTF-8.
   */
  public GithubMapping map(String event, byte[] rawBody) {
    return map(event, rawBody, BodyText.of(rawBody));
  }

  /**
   * {@link #map(String, byte[])} when the caller decoded the body already: {@code body} is {@code
   * rawBody} decoded as UTF-8, and the builds carry this very String.
   */
  public GithubMapping map(String event, byte[] rawBody, String body) {
    if ("ping".equals(event)) {
      return GithubMapping.ping();
    }
    if (!isSupported(event)) {
      return GithubMapping.ignored();
    }
    JsonNode root = parse(rawBody);
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
          "check_suite",
          "check_run",
          "issue_comment" ->
          true;
      default -> false;
    };
  }

  /** The body's fields the mapping reads ({@link DeliveryFields}), as an object node. */
  static JsonNode parse(byte[] body) {
    try (JsonParser parser =
        new FilteringParserDelegate(
            Json.MAPPER.createParser(body),
            DeliveryFields.ROOT,
            TokenFilter.Inclusion.INCLUDE_ALL_AND_PATH,
            true)) {
      JsonNode root = Json.MAPPER.readTree(parser);
      if (root == null || !root.isObject()) {
        throw new MalformedDeliveryException("Malformed body: expected a JSON object");
      }
      if (parser.nextToken() != null) {
        throw new MalformedDeliveryException("Malformed body: more content after the JSON object");
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
        case "check_suite" -> checkSuite();
        case "check_run" -> checkRun();
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
      String shortTitle = "PR #" + number;
      String longTitle = shortTitle + ": " + text(issue.path("title"));
      OptionalLong installation = installation();
      boolean wrap =
          onPr
              && appId.isPresent()
              && installation.isPresent()
              && issue.path("number").canConvertToLong()
              && COMMENT_ACTIONS.contains(text(root.path("action")))
              && settings.allowsAuthor(text(root.at("/comment/author_association")));
      if (!wrap) {
        return withAction(revision, shortTitle, longTitle, "");
      }
      GithubWrapper wrapper =
          new GithubWrapper(
              event, installation.getAsLong(), OptionalLong.of(issue.path("number").asLong()));
      return GithubMapping.wrapped(
          projectName, actionBuilds(revision, shortTitle, longTitle, ""), wrapper);
    }

    /** A check suite of the gateway's own App (v1 ignores other Apps' suites). */
    private GithubMapping checkSuite() {
      JsonNode suite = root.path("check_suite");
      return checks(
          CHECK_SUITE_ACTIONS,
          text(suite.at("/app/id")),
          new Revision(text(suite.path("head_sha")), text(suite.path("head_branch"))));
    }

    /** A check run of the gateway's own App (from the run's app, else its suite's). */
    private GithubMapping checkRun() {
      JsonNode run = root.path("check_run");
      String app = text(run.at("/app/id"));
      if (app.isEmpty()) {
        app = text(run.at("/check_suite/app/id"));
      }
      JsonNode suite = run.path("check_suite");
      return checks(
          CHECK_RUN_ACTIONS,
          app,
          new Revision(text(suite.path("head_sha")), text(suite.path("head_branch"))));
    }

    private GithubMapping checks(Set<String> actions, String app, Revision revision) {
      OptionalLong installation = installation();
      if (appId.isEmpty() || !appId.get().equals(app) || installation.isEmpty()) {
        return GithubMapping.ignored();
      }
      String action = text(root.path("action"));
      if (!actions.contains(action)) {
        return GithubMapping.skipped(
            projectName, "build skipped: " + event + " action '" + action + "' is not built");
      }
      GithubWrapper wrapper =
          new GithubWrapper(event, installation.getAsLong(), OptionalLong.empty());
      return GithubMapping.wrapped(projectName, actionBuilds(revision, "", "", ""), wrapper);
    }

    private OptionalLong installation() {
      JsonNode id = root.at("/installation/id");
      return id.canConvertToLong() && id.isNumber()
          ? OptionalLong.of(id.asLong())
          : OptionalLong.empty();
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
      return GithubMapping.builds(
          projectName, actionBuilds(revision, shortTitle, longTitle, payload));
    }

    /**
     * The {@code event} build and, when the delivery has an action, the {@code event:action} one.
     */
    private List<BuildRequest> actionBuilds(
        Revision revision, String shortTitle, String longTitle, String payload) {
      String action = text(root.path("action"));
      List<String> names = action.isEmpty() ? List.of(event) : List.of(event, event + ":" + action);
      return filtered(names, revision, shortTitle, longTitle, payload);
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
