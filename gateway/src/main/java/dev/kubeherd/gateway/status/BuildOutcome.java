package dev.kubeherd.gateway.status;

import dev.kubeherd.core.model.BuildStatus;
import java.util.Optional;

/**
 * What GitHub is told about a build. A failed build is a {@link #FAILURE} when a worker ran it and
 * reported exit code 1 (the script, or one of its jobs, failed); any other failure is an {@link
 * #ERROR}: the build never reached a worker (no worker in its status: project missing, unreadable
 * build, cancelled while pending) or its worker ended some other way (cancelled: 130, killed: 137,
 * a crashed worker pod).
 */
enum BuildOutcome {
  RUNNING,
  SUCCESS,
  FAILURE,
  ERROR;

  /** Empty for phases GitHub is not told about (Pending, Unknown). */
  static Optional<BuildOutcome> of(BuildStatus status) {
    return switch (status.phase()) {
      case RUNNING -> Optional.of(RUNNING);
      case SUCCEEDED -> Optional.of(SUCCESS);
      case FAILED ->
          Optional.of(
              !status.worker().isEmpty() && status.exitCode().orElse(1) == 1 ? FAILURE : ERROR);
      case PENDING, UNKNOWN -> Optional.empty();
    };
  }

  boolean finished() {
    return this != RUNNING;
  }
}
