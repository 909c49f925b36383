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
 * POST /app/installations/{id}/access_tokens}, and the token is reused until {@value
 * #MARGIN_MINUTES} minutes before its {@code expires_at}. One cache entry per API base URL and
 * installation. Thread safe; calls block.
 */
final class InstallationTokens {
  static final int MARGIN_MINUTES = 5;
  private static final Duration MARGIN = Duration.ofMinutes(MARGIN_MINUTES);

  private final String appId;
  private final PrivateKey key;
  private final GithubApi api;
  private final Clock clock;
  private final Map<String, Token> cache = new ConcurrentHashMap<>();

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
    String cacheKey = baseUrl + "#" + installationId;
    Token cached = cache.get(cacheKey);
    Instant now = clock.instant();
    if (cached != null && now.isBefore(cached.expiresAt().minus(MARGIN))) {
      return cached;
    }
    synchronized (this) {
      cached = cache.get(cacheKey);
      if (cached != null && clock.instant().isBefore(cached.expiresAt().minus(MARGIN))) {
        return cached;
      }
      Token fresh = fetch(baseUrl, installationId);
      cache.put(cacheKey, fresh);
      return fresh;
    }
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
