package dev.kubeherd.gateway.status;

import dev.kubeherd.gateway.github.GithubApp;
import dev.kubeherd.gateway.github.GithubAppException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The gateway's GitHub App over the REST API: cached installation tokens ({@link
 * InstallationTokens}) and pull request heads, for the GitHub gateway's wrapper payloads.
 */
public final class GithubAppClient implements GithubApp {
  private static final Logger LOG = LoggerFactory.getLogger(GithubAppClient.class);

  private final InstallationTokens tokens;
  private final GithubApi api;

  GithubAppClient(InstallationTokens tokens, GithubApi api) {
    this.tokens = tokens;
    this.api = api;
  }

  /**
   * The App configured in {@code settings}; empty when none is, or (logged) when its key cannot be
   * read: check suites and runs are then ignored as without an App.
   */
  public static Optional<GithubApp> create(StatusSettings settings, Clock clock) {
    GithubApi api = GithubApi.create(settings);
    try {
      return InstallationTokens.of(settings.app(), api, clock)
          .map(tokens -> new GithubAppClient(tokens, api));
    } catch (InvalidAppKeyException e) {
      LOG.warn("The GitHub gateway runs without its App: {}", e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public String appId() {
    return tokens.appId();
  }

  @Override
  public Token installationToken(String apiBaseUrl, long installationId)
      throws InterruptedException {
    try {
      return tokens.installationToken(apiBaseUrl, installationId, InstallationTokens.SCRIPT_LEFT);
    } catch (GithubApiException e) {
      throw new GithubAppException(
          "no installation token for installation " + installationId + ": " + e.getMessage(), e);
    }
  }

  @Override
  public PullRequestHead pullRequest(
      String apiBaseUrl, String token, String repository, long number) throws InterruptedException {
    JsonNode pr;
    try {
      pr =
          api.call(
              apiBaseUrl, GithubRequest.get("/repos/" + repository + "/pulls/" + number), token);
    } catch (GithubApiException e) {
      throw new GithubAppException(
          "pull request " + repository + "#" + number + " could not be read: " + e.getMessage(), e);
    }
    JsonNode sha = pr.at("/head/sha");
    JsonNode ref = pr.at("/head/ref");
    if (!sha.isString() || !ref.isString()) {
      throw new GithubAppException(
          "GitHub's answer for pull request " + repository + "#" + number + " has no head", null);
    }
    return new PullRequestHead(sha.asString(), ref.asString());
  }
}
