package dev.kubeherd.gateway;

import java.util.Optional;

/**
 * Whether the gateway can accept deliveries now (its stores answer). Called off the event loop; may
 * block briefly.
 */
@FunctionalInterface
public interface ReadinessCheck {

  /** Empty when ready, else what is wrong in words an operator can act on. */
  Optional<String> problem();

  /** Always ready: for tests and for stores that cannot be down (a local directory). */
  static ReadinessCheck always() {
    return Optional::empty;
  }
}
