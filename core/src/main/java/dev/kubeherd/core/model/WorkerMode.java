package dev.kubeherd.core.model;

import java.util.Locale;
import java.util.Optional;

/**
 * How a build's worker runs in Kubernetes mode: a pod per build (Brigade v1, the default) or in a
 * warm pool of long-running workers (a fresh script context per build on a shared engine, so no pod
 * start). A project opts in with the data key {@link ProjectKeys#WORKER_MODE}.
 */
public enum WorkerMode {
  POD,
  POOL;

  /** The spelling used in settings and the project annotation: {@code pod}, {@code pool}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The project's choice, or {@code fallback} when it makes none (or an unknown one). */
  public static WorkerMode of(Project project, WorkerMode fallback) {
    return parse(project.value(ProjectKeys.WORKER_MODE)).orElse(fallback);
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
