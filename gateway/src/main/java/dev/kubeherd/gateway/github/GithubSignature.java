package dev.kubeherd.gateway.github;

import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Verifies GitHub webhook signatures: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256>} or the
 * legacy {@code X-Hub-Signature: sha1=<hex HMAC-SHA1>}, keyed with the project's {@code
 * sharedSecret} (else the gateway's default secret) over the raw request body. Comparison is
 * constant time. When both headers are sent the SHA-256 one decides. Pure: no I/O.
 */
public final class GithubSignature {
  public static final String SHA256_HEADER = "X-Hub-Signature-256";
  public static final String SHA1_HEADER = "X-Hub-Signature";

  private GithubSignature() {}

  /** Why a delivery was accepted or refused. */
  public enum Outcome {
    VALID,
    NO_SECRET,
    MISSING,
    MALFORMED,
    MISMATCH
  }

  /** The verdict, with a reason safe to show the caller (it never contains a secret). */
  public record Result(Outcome outcome, String reason) {
    public boolean valid() {
      return outcome == Outcome.VALID;
    }
  }

  /** The project's non-empty {@code sharedSecret}, else the non-empty default secret. */
  public static Optional<String> secretFor(Project project, String defaultSecret) {
    String own = project.value(ProjectKeys.SHARED_SECRET);
    if (!own.isEmpty()) {
      return Optional.of(own);
    }
    return defaultSecret == null || defaultSecret.isEmpty()
        ? Optional.empty()
        : Optional.of(defaultSecret);
  }

  /**
   * Checks the headers against {@code body}.
   *
   * @param sha256Header the {@code X-Hub-Signature-256} value, or null when absent
   * @param sha1Header the {@code X-Hub-Signature} value, or null when absent
   * @param secret the key; empty means none is configured, which refuses every delivery
   */
  public static Result verify(
      byte[] body, String sha256Header, String sha1Header, Optional<String> secret) {
    if (secret.isEmpty()) {
      return new Result(
          Outcome.NO_SECRET,
          "No secret is configured for this repo: set the project's sharedSecret or the"
              + " gateway's default shared secret");
    }
    if (present(sha256Header)) {
      return check(
          body, sha256Header, "sha256=", Hmac.Algorithm.SHA256, SHA256_HEADER, secret.get());
    }
    if (present(sha1Header)) {
      return check(body, sha1Header, "sha1=", Hmac.Algorithm.SHA1, SHA1_HEADER, secret.get());
    }
    return new Result(
        Outcome.MISSING,
        "missing signature: send "
            + SHA256_HEADER
            + " (or "
            + SHA1_HEADER
            + ") signed with the"
            + " webhook secret");
  }

  /**
   * {@code sha256=} + lowercase hex HMAC-SHA256 of {@code body}: the value GitHub sends.
   *
   * @throws IllegalArgumentException when {@code secret} is empty
   */
  public static String sign256(byte[] body, String secret) {
    return "sha256=" + HexFormat.of().formatHex(hmac(Hmac.Algorithm.SHA256, secret, body));
  }

  /** {@code sha1=} + lowercase hex HMAC-SHA1 of {@code body}: the legacy header's value. */
  public static String sign1(byte[] body, String secret) {
    return "sha1=" + HexFormat.of().formatHex(hmac(Hmac.Algorithm.SHA1, secret, body));
  }

  private static Result check(
      byte[] body,
      String header,
      String prefix,
      Hmac.Algorithm algorithm,
      String name,
      String secret) {
    String value = header.trim();
    byte[] sent;
    try {
      if (!value.regionMatches(true, 0, prefix, 0, prefix.length())) {
        throw new IllegalArgumentException("no " + prefix + " prefix");
      }
      sent = HexFormat.of().parseHex(value.substring(prefix.length()));
    } catch (IllegalArgumentException e) {
      return new Result(
          Outcome.MALFORMED,
          "malformed signature: " + name + " must be " + prefix + "<hex digest>");
    }
    byte[] expected = hmac(algorithm, secret, body);
    if (!MessageDigest.isEqual(expected, sent)) {
      return new Result(
          Outcome.MISMATCH,
          "malformed signature: "
              + name
              + " does not match the body; check the webhook secret matches the project's"
              + " sharedSecret");
    }
    return new Result(Outcome.VALID, "signature verified with " + name);
  }

  private static boolean present(String header) {
    return header != null && !header.isBlank();
  }

  private static byte[] hmac(Hmac.Algorithm algorithm, String secret, byte[] body) {
    return Hmac.system().compute(algorithm, secret.getBytes(StandardCharsets.UTF_8), body);
  }
}
