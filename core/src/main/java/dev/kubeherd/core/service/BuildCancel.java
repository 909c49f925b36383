package dev.kubeherd.core.service;

import dev.kubeherd.core.BuildNotFoundException;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.OrphanedJobs;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stops a build that has not finished ({@code brig build cancel}, the dashboard's cancel button). A
 * pending build is claimed by the cancel itself, so no worker can start it afterwards; a running
 * build is marked Failed (exit code 130), which its worker and the controller see and act on by
 * stopping its jobs. When its worker's process is gone ({@link OrphanedBuilds}: a killed {@code
 * brig run --local} or local server), nobody would, so the cancel stops the jobs it left running
 * itself ({@link OrphanedJobs}). Cancelling a finished build changes nothing and is not an error.
 */
public final class BuildCancel {
  /** The exit code a cancelled build gets, as a shell's for SIGINT. */
  public static final int EXIT_CODE = 130;

  private final BuildStore builds;
  private final Clock clock;
  private final OrphanedJobs orphanedJobs;

  /** Cancels without stopping jobs itself: for backends whose jobs cannot outlive their worker. */
  public BuildCancel(BuildStore builds, Clock clock) {
    this(builds, clock, OrphanedJobs.NONE);
  }

  /**
   * @param orphanedJobs stops the jobs of a cancelled build whose worker's process is gone
   */
  public BuildCancel(BuildStore builds, Clock clock, OrphanedJobs orphanedJobs) {
    this.builds = builds;
    this.clock = clock;
    this.orphanedJobs = orphanedJobs;
  }

  /** What a cancel did. */
  public enum Outcome {
    /** It was pending: now claimed and failed, so it never starts. */
    CANCELLED_BEFORE_START,
    /** It was running: now failed; its worker stops its jobs. */
    CANCELLED,
    /** It had finished already; nothing changed. */
    ALREADY_FINISHED,
    /** It finished while the cancel ran; its own outcome stands. */
    FINISHED_FIRST
  }

  /** The outcome and the build as it is afterwards. */
  public record Result(Outcome outcome, Build build) {}

  /**
   * @param claimant the name the cancel claims a pending build under, e.g. {@code
   *     brig-<pid>-<ticks>-<pidns>}
   * @param message why the build failed, as its status will say
   * @throws BuildNotFoundException when there is no such build
   */
  public Result cancel(String buildId, String claimant, String message) {
    Build build = require(buildId);
    if (build.status().phase().isTerminal()) {
      return new Result(Outcome.ALREADY_FINISHED, build);
    }
    boolean wasPending = builds.claim(build.id(), claimant);
    AtomicReference<BuildStatus> ours = new AtomicReference<>();
    BuildStatus after =
        builds.updateStatus(
            build.id(),
            current -> {
              if (current.phase().isTerminal()) {
                return current; // it ended meanwhile: that stands
              }
              BuildStatus cancelled = current.finished(false, EXIT_CODE, clock.instant(), message);
              ours.set(cancelled);
              return cancelled;
            });
    if (!after.equals(ours.get())) {
      return new Result(Outcome.FINISHED_FIRST, build.withStatus(after));
    }
    if (wasPending) {
      return new Result(Outcome.CANCELLED_BEFORE_START, build.withStatus(after));
    }
    if (OrphanedBuilds.gone(after.worker())) {
      orphanedJobs.stopJobsOf(build.id());
    }
    return new Result(Outcome.CANCELLED, build.withStatus(after));
  }

  private Build require(String buildId) {
    return builds
        .find(buildId)
        .orElseThrow(() -> new BuildNotFoundException("build \"" + buildId + "\" not found"));
  }
}
