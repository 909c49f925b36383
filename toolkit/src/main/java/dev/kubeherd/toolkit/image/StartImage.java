package dev.kubeherd.toolkit.image;

import java.time.Instant;

/**
 * The image a stage's container starts from, and why.
 *
 * @param image its name
 * @param info what the engine says of it
 * @param origin where it came from
 * @param reason why a fresh chain was started (empty otherwise)
 * @param chainStarted when the chain the stage's output belongs to started
 */
public record StartImage(
    String image, ImageInfo info, Origin origin, String reason, Instant chainStarted) {

  /** Where a start image came from. */
  public enum Origin {
    /** The cache image, found locally. */
    LOCAL_CACHE,
    /** The cache image, pulled from the registry. */
    PULLED_CACHE,
    /** No cache image anywhere: the base, now also tagged as the cache. */
    BASE_AS_CACHE,
    /** The cache image passed the layer-growth guard: a fresh chain from the base. */
    FRESH_CHAIN,
    /** Incremental mode: always the base, with the previous image's saved artifacts. */
    BASE_INCREMENTAL;

    /** Whether the stage reuses the previous build's layers. */
    public boolean reusesCache() {
      return this == LOCAL_CACHE || this == PULLED_CACHE;
    }
  }
}
