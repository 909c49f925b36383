package dev.kubeherd.controller;

import java.time.Duration;
import java.util.Optional;

/**
 * Bounded exponential back-off for failed API calls: {@code initial}, doubling up to {@code max},
 * at most {@code maxAttempts} attempts in all. Immutable; the attempt count travels with the work.
 */
record Backoff(Duration initial, Duration max, int maxAttempts) {
  static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 8);

  /**
   * @param failedAttempts attempts made so far (1 after the first failure)
   * @return the wait before the next attempt, or empty when it is time to give up
   */
  Optional<Duration> next(int failedAttempts) {
    if (failedAttempts >= maxAttempts) {
      return Optional.empty();
    }
    Duration d = initial.multipliedBy(1L << Math.min(failedAttempts - 1, 20));
    return Optional.of(d.compareTo(max) > 0 ? max : d);
  }
}
