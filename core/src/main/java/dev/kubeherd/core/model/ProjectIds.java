package dev.kubeherd.core.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Brigade v1 project ID rule: names starting with {@code brigade-} are IDs already; any other
 * name becomes {@code brigade-} + the first 54 hex characters of SHA-256(name).
 */
public final class ProjectIds {
  public static final String PREFIX = "brigade-";
  private static final int HASH_CHARS = 54;

  private static final int KNOWN_MAX = 4096;

  /** IDs of names seen before: the gateway derives one (a SHA-256) for every delivery. */
  private static final Map<String, String> KNOWN = new ConcurrentHashMap<>();

  private ProjectIds() {}

  public static String fromName(String nameOrId) {
    if (nameOrId.startsWith(PREFIX)) {
      return nameOrId;
    }
    String id = KNOWN.get(nameOrId);
    if (id == null) {
      id = PREFIX + shortSha(nameOrId);
      if (KNOWN.size() >= KNOWN_MAX) {
        KNOWN.clear(); // a bound, not an eviction policy: projects are few
      }
      KNOWN.put(nameOrId, id);
    }
    return id;
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
