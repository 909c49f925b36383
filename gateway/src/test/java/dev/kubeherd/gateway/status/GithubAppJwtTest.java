package dev.kubeherd.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.Json;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GithubAppJwtTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void isSignedRs256WithTheAppKeyAndNamesTheApp() throws Exception {
    String jwt = GithubAppJwt.mint("12345", TestKeys.PAIR.getPrivate(), NOW);

    JsonNode claims = verified(jwt, TestKeys.PAIR.getPublic());
    assertThat(claims.path("iss").asString()).isEqualTo("12345");
    assertThat(claims.path("iat").asLong()).isEqualTo(NOW.getEpochSecond() - 60);
    assertThat(claims.path("exp").asLong()).isEqualTo(NOW.getEpochSecond() + 9 * 60);
  }

  /** Checks the signature with {@code key} and returns the claims. */
  static JsonNode verified(String jwt, PublicKey key) throws Exception {
    String[] parts = jwt.split("\\.");
    assertThat(parts).hasSize(3);
    Base64.Decoder b64 = Base64.getUrlDecoder();
    JsonNode header = Json.MAPPER.readTree(b64.decode(parts[0]));
    assertThat(header.path("alg").asString()).isEqualTo("RS256");
    assertThat(header.path("typ").asString()).isEqualTo("JWT");
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initVerify(key);
    rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(rs256.verify(b64.decode(parts[2]))).as("signature valid").isTrue();
    return Json.MAPPER.readTree(b64.decode(parts[1]));
  }
}
