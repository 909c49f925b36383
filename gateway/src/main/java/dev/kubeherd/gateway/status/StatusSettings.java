package dev.kubeherd.gateway.status;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How the gateway reports build progress to GitHub.
 *
 * @param dashboardUrl base URL of the kubeherd dashboard; a build's page is {@code
 *     <dashboardUrl>/builds/<buildId>}, sent as the status's {@code log_url}/{@code target_url}/
 *     {@code details_url}. Empty: no link is sent.
 * @param app the GitHub App to act as, if any
 * @param attempts how many times one GitHub call is tried when GitHub is down (5xx, 429, no
 *     connection) before it is given up
 * @param backoff the wait before the second attempt; doubled before each further one
 * @param timeout how long one GitHub call may take
 */
public record StatusSettings(
    Optional<String> dashboardUrl,
    GithubAppSettings app,
    int attempts,
    Duration backoff,
    Duration timeout) {
  public static final String DASHBOARD_URL_ENV = "KUBEHERD_DASHBOARD_URL";
  static final int DEFAULT_ATTEMPTS = 4;
  static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public StatusSettings {
    dashboardUrl =
        dashboardUrl.map(String::trim).filter(s -> !s.isEmpty()).map(StatusSettings::checkUrl);
    if (attempts < 1) {
      throw new IllegalArgumentException("status attempts must be at least 1, not " + attempts);
    }
  }

  /** From {@code KUBEHERD_DASHBOARD_URL} and {@code APP_ID} in {@code env} and the App key file. */
  public static StatusSettings fromEnv(Map<String, String> env, Path appKeyFile) {
    return new StatusSettings(
        Optional.ofNullable(env.get(DASHBOARD_URL_ENV)),
        GithubAppSettings.fromEnv(env, appKeyFile),
        DEFAULT_ATTEMPTS,
        DEFAULT_BACKOFF,
        DEFAULT_TIMEOUT);
  }

  /** The build's page on the dashboard, when a dashboard URL is set. */
  Optional<String> buildUrl(String buildId) {
    return dashboardUrl.map(base -> base + "/builds/" + buildId);
  }

  private static String checkUrl(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          DASHBOARD_URL_ENV
              + " is not a URL ("
              + e.getMessage()
              + "); set it like https://ci.example.com",
          e);
    }
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException(
          DASHBOARD_URL_ENV + " must be an absolute URL like https://ci.example.com, not " + url);
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
