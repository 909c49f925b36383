package dev.kubeherd.gateway.status;

import dev.kubeherd.core.model.Build;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * What GitHub already shows for a build, read back from the REST API, so that a report is not sent
 * twice: after a restart (the earlier process may or may not have sent it) and after a create that
 * timed out (GitHub may have made the check run anyway). Calls block.
 */
final class GithubReported {
  private static final Set<String> FINAL_DEPLOYMENT_STATES =
      Set.of("success", "failure", "error", "inactive");

  /** The build ID at the start of our descriptions ({@code Build <id> succeeded}). */
  private static final Pattern BUILD_ID = Pattern.compile("Build (\\S+) ");

  private final GithubApi api;

  GithubReported(GithubApi api) {
    this.api = api;
  }

  /** A check run of the build, found by its {@code external_id} (the build ID). */
  record CheckRun(long id, boolean completed) {}

  /** GitHub's largest page; a commit rarely has more runs of one name than one page holds. */
  static final int PAGE_SIZE = 100;

  /**
   * Pages read at most: a commit whose check runs of this name go beyond that (a thousand reruns)
   * gets a second run rather than an unbounded number of calls.
   */
  static final int MAX_PAGES = 10;

  /** The build's check run, looked for on every page GitHub lists (up to {@link #MAX_PAGES}). */
  Optional<CheckRun> checkRun(String baseUrl, GithubTarget target, Build build, String token)
      throws InterruptedException {
    String list =
        target.repoPath()
            + "/commits/"
            + target.sha()
            + "/check-runs?filter=all&per_page="
            + PAGE_SIZE
            + "&check_name="
            + URLEncoder.encode(StatusRequests.name(target), StandardCharsets.UTF_8);
    for (int page = 1; page <= MAX_PAGES; page++) {
      JsonNode answer = api.call(baseUrl, GithubRequest.get(list + "&page=" + page), token);
      JsonNode runs = answer.path("check_runs");
      for (JsonNode run : runs) {
        if (build.id().equals(run.path("external_id").asString(""))
            && run.path("id").isIntegralNumber()) {
          return Optional.of(
              new CheckRun(
                  run.path("id").asLong(), "completed".equals(run.path("status").asString(""))));
        }
      }
      if (runs.size() < PAGE_SIZE
          || (long) page * PAGE_SIZE >= answer.path("total_count").asLong(0)) {
        return Optional.empty(); // that was the last page
      }
    }
    return Optional.empty();
  }

  /**
   * The state of the deployment's latest status; empty when it has none.
   *
   * @return {@code true} for a final state (success, failure, error, inactive)
   */
  Optional<Boolean> deploymentFinal(String baseUrl, GithubTarget target, String token)
      throws InterruptedException {
    OptionalLong deployment = target.deploymentId();
    JsonNode statuses =
        api.call(
            baseUrl,
            GithubRequest.get(
                target.repoPath()
                    + "/deployments/"
                    + deployment.orElseThrow()
                    + "/statuses?per_page=1"),
            token);
    if (!statuses.isArray() || statuses.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        FINAL_DEPLOYMENT_STATES.contains(statuses.get(0).path("state").asString("")));
  }

  /**
   * Whether the commit's latest status in the build's context leaves nothing to report: it gives
   * this build's end already, or it belongs to a later build (build IDs sort by creation). Reads
   * the combined status, which holds the latest status of each context.
   */
  boolean commitStatusSettled(String baseUrl, GithubTarget target, Build build, String token)
      throws InterruptedException {
    JsonNode combined =
        api.call(
            baseUrl,
            GithubRequest.get(
                target.repoPath() + "/commits/" + target.sha() + "/status?per_page=100"),
            token);
    String context = StatusRequests.name(target);
    for (JsonNode status : combined.path("statuses")) {
      if (context.equals(status.path("context").asString(""))) {
        Matcher named = BUILD_ID.matcher(status.path("description").asString(""));
        if (!named.lookingAt()) {
          return false; // not ours to judge: send ours
        }
        String owner = named.group(1);
        if (owner.equals(build.id())) {
          return !"pending".equals(status.path("state").asString(""));
        }
        return owner.compareTo(build.id()) > 0; // a later build's status stands
      }
    }
    return false;
  }
}
