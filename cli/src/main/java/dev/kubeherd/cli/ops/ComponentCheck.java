package dev.kubeherd.cli.ops;

import java.util.Optional;

/**
 * One line of {@code brig check}: a component (a Deployment, or the vacuum), whether it is fine,
 * and why.
 *
 * @param component {@code controller}, {@code gateway}, {@code worker-pool}, {@code vacuum} or
 *     {@code local-store}
 * @param name the Deployment's name; empty when there is none
 * @param replicas ready and desired replicas, for Deployments
 */
record ComponentCheck(
    String component, String name, boolean ok, String detail, Optional<Replicas> replicas) {

  /** A Deployment's ready and desired replica counts. */
  record Replicas(int ready, int desired) {
    /** Fine when at least one replica is wanted and all wanted ones are ready. */
    boolean allReady() {
      return desired > 0 && ready >= desired;
    }
  }

  /** The line as v1's brig check printed its components: a mark, the name, the details. */
  String line() {
    String mark = ok ? "✔️ " : "❌ ";
    String who = name.isEmpty() ? component : component + " " + name;
    return mark + who + ": " + detail;
  }
}
