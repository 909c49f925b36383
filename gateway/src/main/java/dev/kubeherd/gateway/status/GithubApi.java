package dev.kubeherd.gateway.status;

import dev.kubeherd.core.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Calls the GitHub REST API with the JDK HTTP client: the v3 JSON media type and API version
 * headers, a bearer token, and retries with doubling back-off while GitHub is unreachable or
 * answers 5xx or 429. Other 4xx answers fail at once. Blocking: call it off event loops.
 */
final class GithubApi {
  private static final Logger LOG = LoggerFactory.getLogger(GithubApi.class);
  static final String ACCEPT = "application/vnd.github+json";
  static final String API_VERSION = "2022-11-28";
  private static final int MAX_REASON = 200;

  private final HttpClient http;
  private final StatusSettings settings;

  GithubApi(HttpClient http, StatusSettings settings) {
    this.http = http;
    this.settings = settings;
  }

  /** With its own HTTP client, which never follows a redirect (it must not carry the token on). */
  static GithubApi create(StatusSettings settings) {
    return new GithubApi(
        HttpClient.newBuilder()
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build(),
        settings);
  }

  /**
   * Sends {@code request} to the API at {@code baseUrl} and returns the JSON answer (a missing node
   * for an empty body).
   *
   * @throws GithubApiException when every attempt failed or GitHub refused the call
   * @throws InterruptedException when interrupted while waiting to try again
   */
  JsonNode call(String baseUrl, GithubRequest request, String token) throws InterruptedException {
    Duration wait = settings.backoff();
    for (int attempt = 1; ; attempt++) {
      try {
        return once(baseUrl, request, token);
      } catch (GithubApiException e) {
        if (!e.retryable() || attempt >= settings.attempts()) {
          throw e;
        }
        LOG.debug(
            "{} (attempt {} of {}); trying again in {}",
            e.getMessage(),
            attempt,
            settings.attempts(),
            wait);
      }
      Thread.sleep(wait);
      wait = wait.multipliedBy(2);
    }
  }

  /**
   * Sends {@code request} once, without retrying: for a create whose answer may be lost after
   * GitHub made the object, which the caller looks for before trying again.
   *
   * @throws GithubApiException when the call failed ({@link GithubApiException#retryable()} when it
   *     may have been lost)
   */
  JsonNode callOnce(String baseUrl, GithubRequest request, String token)
      throws InterruptedException {
    return once(baseUrl, request, token);
  }

  private JsonNode once(String baseUrl, GithubRequest request, String token)
      throws InterruptedException {
    HttpRequest http =
        HttpRequest.newBuilder(URI.create(trimSlash(baseUrl) + request.path()))
            .timeout(settings.timeout())
            .header("Accept", ACCEPT)
            .header("X-GitHub-Api-Version", API_VERSION)
            .header("Authorization", "Bearer " + token)
            .header("User-Agent", "kubeherd")
            .header("Content-Type", "application/json")
            .method(
                request.method(),
                request.method().equals("GET")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(
                        Json.MAPPER.writeValueAsBytes(request.body())))
            .build();
    HttpResponse<String> response;
    try {
      response = this.http.send(http, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new GithubApiException(
          0,
          request.describe()
              + " to "
              + baseUrl
              + " got no answer ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")",
          e);
    }
    int status = response.statusCode();
    if (status / 100 != 2) {
      throw new GithubApiException(
          status,
          request.describe() + " was answered " + status + ": " + reason(response.body()),
          null);
    }
    return parse(response.body());
  }

  private static JsonNode parse(String body) {
    try {
      return Json.MAPPER.readTree(body == null ? "" : body);
    } catch (JacksonException e) {
      throw new GithubApiException(200, "GitHub answered with something that is not JSON", e);
    }
  }

  /** GitHub's {@code message}, or the start of the body; never anything of the request. */
  private static String reason(String body) {
    String text = body == null ? "" : body;
    try {
      JsonNode message = Json.MAPPER.readTree(text).path("message");
      if (message.isString()) {
        text = message.asString();
      }
    } catch (JacksonException e) {
      // not JSON: keep the start of the body
    }
    text = text.strip();
    if (text.isEmpty()) {
      return "(no reason given)";
    }
    return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "…" : text;
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
