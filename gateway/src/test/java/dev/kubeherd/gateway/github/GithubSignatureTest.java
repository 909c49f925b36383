package dev.kubeherd.gateway.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.gateway.github.GithubSignature.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GithubSignatureTest {
  private static final byte[] BODY =
      "{\"zen\":\"Keep it logically awesome.\"}".getBytes(StandardCharsets.UTF_8);
  private static final Optional<String> SECRET = Optional.of("s3cret");

  @Test
  void sha256SignatureOfTheRawBodyIsValid() {
    var result =
        GithubSignature.verify(BODY, GithubSignature.sign256(BODY, "s3cret"), null, SECRET);

    assertThat(result.valid()).isTrue();
  }

  @Test
  void knownVectorFromAnIndependentHmac() {
    // printf "Hello, World!" | openssl dgst -sha256 -hmac "It's a Secret to Everybody"
    byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    String header = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    assertThat(
            GithubSignature.verify(body, header, null, Optional.of("It's a Secret to Everybody"))
                .valid())
        .isTrue();
    assertThat(GithubSignature.sign256(body, "It's a Secret to Everybody")).isEqualTo(header);
  }

  @Test
  void legacySha1SignatureIsValid() {
    var result = GithubSignature.verify(BODY, null, GithubSignature.sign1(BODY, "s3cret"), SECRET);

    assertThat(result.valid()).isTrue();
  }

  @Test
  void wrongSecretIsAMismatchThatNamesTheSecret() {
    var result = GithubSignature.verify(BODY, GithubSignature.sign256(BODY, "other"), null, SECRET);

    assertThat(result.outcome()).isEqualTo(Outcome.MISMATCH);
    assertThat(result.reason()).contains("X-Hub-Signature-256").contains("sharedSecret");
    assertThat(result.reason()).doesNotContain("s3cret");
  }

  @Test
  void tamperedBodyIsAMismatch() {
    String header = GithubSignature.sign256(BODY, "s3cret");
    byte[] tampered = "{\"zen\":\"Keep it logically awesome!\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(GithubSignature.verify(tampered, header, null, SECRET).outcome())
        .isEqualTo(Outcome.MISMATCH);
  }

  @Test
  void sha256DecidesWhenBothHeadersAreSent() {
    var result =
        GithubSignature.verify(BODY, "sha256=00", GithubSignature.sign1(BODY, "s3cret"), SECRET);

    assertThat(result.valid()).isFalse();
  }

  @Test
  void missingHeadersAreReported() {
    var result = GithubSignature.verify(BODY, null, " ", SECRET);

    assertThat(result.outcome()).isEqualTo(Outcome.MISSING);
    assertThat(result.reason()).contains("X-Hub-Signature-256");
  }

  @Test
  void headerWithoutPrefixOrHexIsMalformed() {
    assertThat(GithubSignature.verify(BODY, "abcdef", null, SECRET).outcome())
        .isEqualTo(Outcome.MALFORMED);
    assertThat(GithubSignature.verify(BODY, "sha256=zz", null, SECRET).outcome())
        .isEqualTo(Outcome.MALFORMED);
  }

  @Test
  void withoutAnySecretEveryDeliveryIsRefused() {
    var result =
        GithubSignature.verify(BODY, GithubSignature.sign256(BODY, "x"), null, Optional.empty());

    assertThat(result.outcome()).isEqualTo(Outcome.NO_SECRET);
  }

  @Test
  void signingWithAnEmptySecretIsRefused() {
    assertThatThrownBy(() -> GithubSignature.sign256(BODY, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secret");
  }

  @Test
  void projectSharedSecretWinsOverTheDefault() {
    Project own = new Project("brigade-x", "o/r", "ns", Map.of(ProjectKeys.SHARED_SECRET, "own"));
    Project none = new Project("brigade-x", "o/r", "ns", Map.of());

    assertThat(GithubSignature.secretFor(own, "dflt")).contains("own");
    assertThat(GithubSignature.secretFor(none, "dflt")).contains("dflt");
    assertThat(GithubSignature.secretFor(none, "")).isEmpty();
  }
}
