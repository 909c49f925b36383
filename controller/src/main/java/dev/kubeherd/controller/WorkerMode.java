package dev.kubeherd.controller;

import java.util.Locale;
import java.util.Optional;

/** How a build's worker runs: a pod per build (Brigade v1) or a warm pool of workers. */
public enum WorkerMode {
  POD,
  POOL;

  /** The spelling used in settings and the project annotation: {@code pod}, {@code pool}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<WorkerMode> parse(String s) {
    for (WorkerMode m : values()) {
      if (m.value().equals(s == null ? "" : s.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
