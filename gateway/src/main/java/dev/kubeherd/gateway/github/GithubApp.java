package dev.kubeherd.gateway.github;

import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import java.time.Instant;

/**
 * What the GitHub gateway needs from the GitHub App it runs as, for the contract's wrapper payloads
 * ({@code check_suite}, {@code check_run}, {@code issue_comment}): its ID, installation tokens and
 * a pull request's head. Implemented over the REST API in {@code gateway.status}. Calls block.
 */
public interface GithubApp {
  /** github.com's REST API; GitHub Enterprise projects set {@code github.baseURL}. */
  String DEFAULT_API_URL = "https://api.github.com";

  /** The REST API a project's repository lives on: its {@code github.baseURL}, else github.com. */
  static String apiBaseUrl(Project project) {
    return project
        .get(ProjectKeys.GITHUB_BASE_URL)
        .filter(s -> !s.isBlank())
        .orElse(DEFAULT_API_URL);
  }

  /** The App's ID ({@code APP_ID}): check suites and runs of other Apps are ignored. */
  String appId();

  /**
   * An installation access token for the installation that sent a delivery.
   *
   * @throws GithubAppException when GitHub does not hand one out
   */
  Token installationToken(String apiBaseUrl, long installationId) throws InterruptedException;

  /**
   * The head of pull request {@code number} of {@code repository} ({@code owner/name}).
   *
   * @throws GithubAppException when GitHub does not answer with it
   */
  PullRequestHead pullRequest(String apiBaseUrl, String token, String repository, long number)
      throws InterruptedException;

  /** An installation token and when it expires; {@link #toString()} never shows the value. */
  record Token(String value, Instant expiresAt) {
    @Override
    public String toString() {
      return "Token[expiresAt=" + expiresAt + "]";
    }
  }

  /** A pull request's head commit and branch name. */
  record PullRequestHead(String sha, String ref) {}
}
