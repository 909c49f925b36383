package dev.kubeherd.gateway.status;

import dev.kubeherd.core.model.Build;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The GitHub calls that report a build: deployment statuses, commit statuses, check runs. Pure:
 * builds request bodies from the build, its target and the outcome; sends nothing.
 */
final class StatusRequests {
  static final int MAX_DESCRIPTION = 140;
  static final String CONTEXT_PREFIX = "kubeherd/";

  private final StatusSettings settings;

  StatusRequests(StatusSettings settings) {
    this.settings = settings;
  }

  /** {@code POST /repos/o/r/deployments/{id}/statuses}. */
  GithubRequest deploymentStatus(
      GithubTarget target, Build build, BuildOutcome outcome, Optional<String> environmentUrl) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("state", deploymentState(outcome));
    settings.buildUrl(build.id()).ifPresent(url -> body.put("log_url", url));
    environmentUrl.ifPresent(url -> body.put("environment_url", url));
    body.put("description", description(build, outcome));
    return GithubRequest.post(
        target.repoPath() + "/deployments/" + target.deploymentId().orElseThrow() + "/statuses",
        body);
  }

  /** {@code POST /repos/o/r/statuses/{sha}}. */
  GithubRequest commitStatus(GithubTarget target, Build build, BuildOutcome outcome) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("state", commitState(outcome));
    settings.buildUrl(build.id()).ifPresent(url -> body.put("target_url", url));
    body.put("description", description(build, outcome));
    body.put("context", name(target));
    return GithubRequest.post(target.repoPath() + "/statuses/" + target.sha(), body);
  }

  /**
   * {@code POST /repos/o/r/check-runs}: in progress, or already completed when the build was first
   * seen finished.
   */
  GithubRequest checkRunCreate(
      GithubTarget target, Build build, BuildOutcome outcome, Instant now) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name(target));
    body.put("head_sha", target.sha());
    body.put("external_id", build.id());
    settings.buildUrl(build.id()).ifPresent(url -> body.put("details_url", url));
    body.put("started_at", time(build.status().startedAt().orElse(now)));
    if (outcome.finished()) {
      completion(body, build, outcome, now);
    } else {
      body.put("status", "in_progress");
    }
    return GithubRequest.post(target.repoPath() + "/check-runs", body);
  }

  /** {@code PATCH /repos/o/r/check-runs/{id}}: completed with the build's conclusion. */
  GithubRequest checkRunComplete(
      GithubTarget target, long checkRunId, Build build, BuildOutcome outcome, Instant now) {
    Map<String, Object> body = new LinkedHashMap<>();
    completion(body, build, outcome, now);
    return GithubRequest.patch(target.repoPath() + "/check-runs/" + checkRunId, body);
  }

  private static void completion(
      Map<String, Object> body, Build build, BuildOutcome outcome, Instant now) {
    body.put("status", "completed");
    body.put("conclusion", outcome == BuildOutcome.SUCCESS ? "success" : "failure");
    body.put("completed_at", time(build.status().finishedAt().orElse(now)));
    String description = description(build, outcome);
    body.put("output", Map.of("title", description, "summary", description));
  }

  /** The status's context or check run's name: {@code kubeherd/<event>}. */
  static String name(GithubTarget target) {
    return CONTEXT_PREFIX + target.event();
  }

  static String deploymentState(BuildOutcome outcome) {
    return switch (outcome) {
      case RUNNING -> "in_progress";
      case SUCCESS -> "success";
      case FAILURE -> "failure";
      case ERROR -> "error";
    };
  }

  static String commitState(BuildOutcome outcome) {
    return switch (outcome) {
      case RUNNING -> "pending";
      case SUCCESS -> "success";
      case FAILURE -> "failure";
      case ERROR -> "error";
    };
  }

  /** One line for people, at most {@value #MAX_DESCRIPTION} characters. */
  static String description(Build build, BuildOutcome outcome) {
    String why = build.status().message().strip().replaceAll("\\s+", " ");
    String text =
        switch (outcome) {
          case RUNNING -> "Build " + build.id() + " is running";
          case SUCCESS -> "Build " + build.id() + " succeeded";
          case FAILURE -> "Build " + build.id() + " failed" + (why.isEmpty() ? "" : ": " + why);
          case ERROR ->
              "Build " + build.id() + " could not run" + (why.isEmpty() ? "" : ": " + why);
        };
    return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION - 1) + "…";
  }

  /** ISO-8601 in whole seconds, as GitHub shows it. */
  static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
