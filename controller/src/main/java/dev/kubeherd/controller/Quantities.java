package dev.kubeherd.controller;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Optional;

/** Kubernetes resource quantities ({@code 500m}, {@code 1Gi}), parsed without throwing. */
final class Quantities {
  private Quantities() {}

  /** The quantity, or empty when {@code text} is blank or not a quantity. */
  static Optional<Quantity> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      Quantity q = Quantity.parse(text.trim());
      q.getNumericalAmount(); // rejects unknown suffixes and non-numbers
      return Optional.of(q);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
