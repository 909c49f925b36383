package dev.kubeherd.kube.store;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** A time written by someone else (a pod's status, an annotation) that may be absent or garbled. */
final class LenientInstant {
  private LenientInstant() {}

  /** The ISO-8601 instant in {@code value}; empty when it is missing or not one. */
  static Optional<Instant> parse(String value) {
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(value));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
