package dev.kubeherd.cli.ops;

import java.util.Optional;

/**
 * One line of {@code brig check}: a component (a Deployment, or the vacuum), whether it is ready,
 * off on purpose (a chart setting; informational) or failing, and why.
 *
 * @param component {@code controller}, {@code gateway}, {@code worker-pool}, {@code vacuum} or
 *     {@code local-store}
 * @param name the Deployment's name; empty when there is none
 * @param replicas ready and desired replicas, for Deployments
 */
record ComponentCheck(
    String component, String name, State state, String detail, Optional<Replicas> replicas) {

  /** Ready, turned off by a supported setting (not a failure), or failing. */
  enum State {
    READY("✔️ "),
    OFF("– "),
    FAILED("❌ ");

    private final String mark;

    State(String mark) {
      this.mark = mark;
    }
  }

  /** A Deployment's ready and desired replica counts. */
  record Replicas(int ready, int desired) {
    /** Fine when at least one replica is wanted and all wanted ones are ready. */
    boolean allReady() {
      return desired > 0 && ready >= desired;
    }
  }

  /** Whether the check passes: ready or off on purpose. */
  boolean ok() {
    return state != State.FAILED;
  }

  boolean off() {
    return state == State.OFF;
  }

  /** The line as v1's brig check printed its components: a mark, the name, the details. */
  String line() {
    String who = name.isEmpty() ? component : component + " " + name;
    return state.mark + who + ": " + detail;
  }
}
