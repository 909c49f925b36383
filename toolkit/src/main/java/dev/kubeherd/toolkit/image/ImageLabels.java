package dev.kubeherd.toolkit.image;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels each committed image gets: the commit it was built from and when (the OCI annotation
 * keys), the md5 of the Dockerfile its chain started from, and when that chain started (read back
 * by the layer-growth guard).
 */
public final class ImageLabels {
  public static final String REVISION = "org.opencontainers.image.revision";
  public static final String CREATED = "org.opencontainers.image.created";
  public static final String BASE_HASH = "dev.kubeherd.base-hash";
  public static final String CHAIN_STARTED = "dev.kubeherd.chain-started";

  private ImageLabels() {}

  /** The labels of one commit, in a stable order. */
  public static Map<String, String> of(
      String gitSha, Instant buildTime, String baseHash, Instant chainStarted) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(REVISION, gitSha);
    labels.put(CREATED, buildTime.truncatedTo(ChronoUnit.SECONDS).toString());
    labels.put(BASE_HASH, baseHash);
    labels.put(CHAIN_STARTED, chainStarted.truncatedTo(ChronoUnit.SECONDS).toString());
    return labels;
  }
}
