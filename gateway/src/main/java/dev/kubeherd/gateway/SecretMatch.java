package dev.kubeherd.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Compares a secret a sender gave with the configured one in constant time. Both are hashed first,
 * so not even the configured secret's length leaks through timing. Pure.
 */
public final class SecretMatch {
  private SecretMatch() {}

  /** Whether {@code given} equals {@code expected}; false when either is null. */
  public static boolean matches(String expected, String given) {
    if (expected == null || given == null) {
      return false;
    }
    return MessageDigest.isEqual(sha256(expected), sha256(given));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
