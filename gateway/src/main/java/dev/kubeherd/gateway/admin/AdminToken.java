package dev.kubeherd.gateway.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The token that guards the gateway's operator actions (replay now, rerun and cancel later): {@code
 * Authorization: Bearer <token>}, compared in constant time. With no token configured the actions
 * are off, never open.
 */
public final class AdminToken {
  /** The environment variable the token is read from. */
  public static final String ENV = "KUBEHERD_GATEWAY_TOKEN";

  private final Optional<byte[]> token;

  private AdminToken(Optional<byte[]> token) {
    this.token = token;
  }

  /** Off when {@code token} is null or blank. */
  public static AdminToken of(String token) {
    return new AdminToken(
        token == null || token.isBlank()
            ? Optional.empty()
            : Optional.of(token.strip().getBytes(StandardCharsets.UTF_8)));
  }

  /** The outcome of checking a request's {@code Authorization} header. */
  public enum Check {
    ALLOWED,
    /** No token configured: operator actions are off. */
    DISABLED,
    /** Header missing, not a bearer token, or the wrong token. */
    REFUSED
  }

  public Check check(String authorizationHeader) {
    if (token.isEmpty()) {
      return Check.DISABLED;
    }
    if (authorizationHeader == null
        || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Check.REFUSED;
    }
    byte[] given = authorizationHeader.substring(7).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, token.get()) ? Check.ALLOWED : Check.REFUSED;
  }
}
