package dev.kubeherd.core.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Brigade v1 project ID rule: names starting with {@code brigade-} are IDs already; any other
 * name becomes {@code brigade-} + the first 54 hex characters of SHA-256(name).
 */
public final class ProjectIds {
  public static final String PREFIX = "brigade-";
  private static final int HASH_CHARS = 54;

  private ProjectIds() {}

  public static String fromName(String nameOrId) {
    if (nameOrId.startsWith(PREFIX)) {
      return nameOrId;
    }
    return PREFIX + shortSha(nameOrId);
  }

  /** The first 54 lowercase hex chars of SHA-256 of the UTF-8 bytes. */
  public static String shortSha(String s) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
