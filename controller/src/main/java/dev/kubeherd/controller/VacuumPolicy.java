package dev.kubeherd.controller;

import java.time.Duration;
import java.util.Objects;

/**
 * What the vacuum deletes: finished builds older than {@code maxAge} and finished builds beyond the
 * {@code maxCount} newest. A zero age or a count of 0 or less disables that limit; at least one
 * limit must be on.
 */
public record VacuumPolicy(Duration maxAge, int maxCount) {

  public VacuumPolicy {
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException(
          "the vacuum's maximum age must not be negative, was " + maxAge);
    }
    if (maxAge.isZero() && maxCount <= 0) {
      throw new IllegalArgumentException(
          "the vacuum needs a limit: set a maximum age greater than zero or a maximum number of"
              + " builds greater than zero (or switch the vacuum off)");
    }
  }

  public boolean limitsAge() {
    return !maxAge.isZero();
  }

  public boolean limitsCount() {
    return maxCount > 0;
  }
}
