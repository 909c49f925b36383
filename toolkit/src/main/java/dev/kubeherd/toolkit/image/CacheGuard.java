package dev.kubeherd.toolkit.image;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The layer-growth guard (toolkit doc §4): each build stacks one layer on the cache image and
 * storage drivers stop at about 125 layers, so when one more layer would make more than {@code
 * maxLayers}, or the chain is older than {@code maxAge}, the build starts a fresh chain from the
 * base image. A chain's start is the {@link ImageLabels#CHAIN_STARTED} label (else the cache
 * image's creation time).
 */
public record CacheGuard(int maxLayers, Duration maxAge) {
  public static final int DEFAULT_MAX_LAYERS = 100;
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);

  public CacheGuard {
    if (maxLayers < 2) {
      throw new IllegalArgumentException("--max-cache-layers must be at least 2, not " + maxLayers);
    }
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("--max-cache-age must be positive");
    }
  }

  /** Whether a build may stack on {@code cache} (made from a base) at {@code now}. */
  public Decision decide(ImageInfo cache, Instant now) {
    Instant started = chainStarted(cache);
    if (cache.layers().size() + 1 > maxLayers) {
      return Decision.fresh(
          "the cache image has "
              + cache.layers().size()
              + " layers; one more would pass --max-cache-layers "
              + maxLayers,
          now);
    }
    Duration age = Duration.between(started, now);
    if (age.compareTo(maxAge) > 0) {
      return Decision.fresh(
          "the cache chain started "
              + started
              + ", "
              + age.toDays()
              + " days ago, longer than --max-cache-age "
              + maxAge.toDays()
              + " days",
          now);
    }
    return new Decision(false, "", started);
  }

  /** When the chain {@code image} belongs to started. */
  static Instant chainStarted(ImageInfo image) {
    return image
        .label(ImageLabels.CHAIN_STARTED)
        .flatMap(CacheGuard::instant)
        .orElse(image.created());
  }

  private static Optional<Instant> instant(String value) {
    try {
      return Optional.of(Instant.parse(value));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * @param freshChain start from the base image instead of the cache
   * @param reason why (empty when the cache is used)
   * @param chainStarted when the chain of the image this build makes started
   */
  public record Decision(boolean freshChain, String reason, Instant chainStarted) {
    static Decision fresh(String reason, Instant now) {
      return new Decision(true, reason, now);
    }
  }
}
