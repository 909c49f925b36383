package dev.kubeherd.gateway.status;

import dev.kubeherd.core.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON Web Token a GitHub App signs to prove who it is (RS256): issued 60 s in the past (for
 * clock drift, as GitHub advises), valid 9 minutes (GitHub allows at most 10). Pure.
 */
final class GithubAppJwt {
  static final Duration BACKDATE = Duration.ofSeconds(60);
  static final Duration LIFETIME = Duration.ofMinutes(9);
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private GithubAppJwt() {}

  /** A token for App {@code appId}, signed with its private key, for the time {@code now}. */
  static String mint(String appId, PrivateKey key, Instant now) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "RS256");
    header.put("typ", "JWT");
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iat", now.minus(BACKDATE).getEpochSecond());
    claims.put("exp", now.plus(LIFETIME).getEpochSecond());
    claims.put("iss", appId);
    String signed =
        part(Json.MAPPER.writeValueAsBytes(header))
            + "."
            + part(Json.MAPPER.writeValueAsBytes(claims));
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(key);
      rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
      return signed + "." + part(rs256.sign());
    } catch (GeneralSecurityException e) {
      throw new InvalidAppKeyException(
          "the GitHub App key cannot sign ("
              + e.getClass().getSimpleName()
              + "); check that it is an RSA key",
          e);
    }
  }

  private static String part(byte[] bytes) {
    return B64.encodeToString(bytes);
  }
}
