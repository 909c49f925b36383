package dev.kubeherd.controller;

import dev.kubeherd.kube.job.PodJobExecutor;
import java.time.Duration;
import java.util.Objects;

/**
 * How long a worker pod may take to start and to run (contract §9: "explicit worker timeout"; v1
 * had neither, so a worker pod that never started held its build, and now its concurrency slot,
 * forever).
 *
 * @param startTimeout how long a worker pod may wait on a node to be scheduled on, counted from the
 *     pod's creation, or on an image it cannot pull ({@code ErrImagePull}, {@code
 *     ImagePullBackOff}), counted from its scheduling (a long but normal wait for a node must not
 *     leave a transient pull failure no time to clear); zero = no limit; {@link
 *     ControllerSetting#WORKER_START_TIMEOUT}
 * @param startGrace how long a container may wait for a reason that may clear by itself ({@code
 *     CreateContainerConfigError}, {@code ErrImageNeverPull}), counted from when this controller
 *     first saw it: the job pods' {@link PodJobExecutor#START_GRACE}
 * @param runTimeout how long the worker may run, counted from its container's start; zero = no
 *     limit; {@link ControllerSetting#WORKER_TIMEOUT}
 */
public record WorkerPodTimeouts(Duration startTimeout, Duration startGrace, Duration runTimeout) {
  /** The defaults of {@link ControllerSetting}: start 10m, no run limit. */
  public static final WorkerPodTimeouts DEFAULT =
      new WorkerPodTimeouts(Duration.ofMinutes(10), PodJobExecutor.START_GRACE, Duration.ZERO);

  public WorkerPodTimeouts {
    Objects.requireNonNull(startTimeout, "startTimeout");
    Objects.requireNonNull(startGrace, "startGrace");
    Objects.requireNonNull(runTimeout, "runTimeout");
  }

  /** Whether a worker pod may wait without a time limit to be scheduled or to pull its image. */
  boolean unlimitedStart() {
    return startTimeout.isZero();
  }

  /** Whether a worker may run without a time limit. */
  boolean unlimitedRun() {
    return runTimeout.isZero();
  }
}
