package dev.kubeherd.gateway.status;

import dev.kubeherd.gateway.github.GithubApp.Token;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * Installation access tokens of the gateway's GitHub App: a signed App JWT is exchanged at {@code
 * POST /app/installations/{id}/access_tokens}, and the token is reused while it has long enough
 * left: {@value #MARGIN_MINUTES} minutes for the gateway's own calls, {@link #SCRIPT_LEFT} for a
 * token handed to a script (GitHub's tokens last an hour; a script's job may run long after the
 * delivery). One cache entry per API base URL and installation; fetching one installation's token
 * never waits for another's. Thread safe; calls block.
 */
final class InstallationTokens {
  static final int MARGIN_MINUTES = 5;
  private static final Duration MARGIN = Duration.ofMinutes(MARGIN_MINUTES);

  /** How long a token handed to a script must still be valid; a fresh one has about an hour. */
  static final Duration SCRIPT_LEFT = Duration.ofMinutes(55);

  private final String appId;
  private final PrivateKey key;
  private final GithubApi api;
  private final Clock clock;
  private final Map<String, Token> cache = new ConcurrentHashMap<>();
  private final Map<String, Object> fetching = new ConcurrentHashMap<>();

  InstallationTokens(String appId, PrivateKey key, GithubApi api, Clock clock) {
    this.appId = appId;
    this.key = key;
    this.api = api;
    this.clock = clock;
  }

  /**
   * The App configured by {@code settings}, or empty when none is.
   *
   * @throws InvalidAppKeyException when an App ID is set but its key cannot be read
   */
  static Optional<InstallationTokens> of(GithubAppSettings settings, GithubApi api, Clock clock) {
    if (!settings.configured()) {
      return Optional.empty();
    }
    String pem;
    try {
      pem = Files.readString(settings.keyFile(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new InvalidAppKeyException(
          GithubAppSettings.APP_ID_ENV
              + " is set but the App's private key "
              + settings.keyFile()
              + " cannot be read ("
              + e.getClass().getSimpleName()
              + "); mount the key there or pass --key-file",
          e);
    }
    PrivateKey key = PemPrivateKeys.read(pem, "the GitHub App key file " + settings.keyFile());
    return Optional.of(new InstallationTokens(settings.appId(), key, api, clock));
  }

  /** A token for the installation, fetched when none is cached or the cached one expires soon. */
  String token(String baseUrl, long installationId) throws InterruptedException {
    return installationToken(baseUrl, installationId).value();
  }

  /** {@link #token} with its expiry. */
  Token installationToken(String baseUrl, long installationId) throws InterruptedException {
    return installationToken(baseUrl, installationId, MARGIN);
  }

  /** A token valid for at least {@code minimumLeft} more (unless GitHub hands out shorter ones). */
  Token installationToken(String baseUrl, long installationId, Duration minimumLeft)
      throws InterruptedException {
    String cacheKey = baseUrl + "#" + installationId;
    Token cached = cache.get(cacheKey);
    if (lastsLongEnough(cached, minimumLeft)) {
      return cached;
    }
    synchronized (fetching.computeIfAbsent(cacheKey, k -> new Object())) {
      cached = cache.get(cacheKey);
      if (lastsLongEnough(cached, minimumLeft)) {
        return cached; // fetched by the caller we waited for
      }
      Token fresh = fetch(baseUrl, installationId);
      cache.put(cacheKey, fresh);
      return fresh;
    }
  }

  private boolean lastsLongEnough(Token token, Duration minimumLeft) {
    return token != null && clock.instant().isBefore(token.expiresAt().minus(minimumLeft));
  }

  String appId() {
    return appId;
  }

  /** Drops a cached token GitHub refused, so the next call fetches a new one. */
  void forget(String baseUrl, long installationId) {
    cache.remove(baseUrl + "#" + installationId);
  }

  private Token fetch(String baseUrl, long installationId) throws InterruptedException {
    String jwt = GithubAppJwt.mint(appId, key, clock.instant());
    JsonNode answer =
        api.call(
            baseUrl,
            GithubRequest.post("/app/installations/" + installationId + "/access_tokens", Map.of()),
            jwt);
    JsonNode token = answer.path("token");
    if (!token.isString() || token.asString().isEmpty()) {
      throw new GithubApiException(
          200, "GitHub's answer for installation " + installationId + " holds no token", null);
    }
    return new Token(token.asString(), expiry(answer.path("expires_at")));
  }

  /** {@code expires_at}; when GitHub sent none, now plus the margin: the token serves this call. */
  private Instant expiry(JsonNode expiresAt) {
    if (expiresAt.isString()) {
      try {
        return Instant.parse(expiresAt.asString());
      } catch (DateTimeParseException e) {
        // fall through
      }
    }
    return clock.instant().plus(MARGIN);
  }
}
