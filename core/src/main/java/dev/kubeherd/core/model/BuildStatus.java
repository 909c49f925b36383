package dev.kubeherd.core.model;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a build is. {@code worker} names who claimed it (empty until claimed); times are empty
 * until known; {@code message} says why a build failed, in words a user can act on.
 */
public record BuildStatus(
    BuildPhase phase,
    String worker,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt,
    Optional<Integer> exitCode,
    String message) {

  public BuildStatus {
    worker = worker == null ? "" : worker;
    message = message == null ? "" : message;
  }

  public static BuildStatus pending() {
    return new BuildStatus(
        BuildPhase.PENDING, "", Optional.empty(), Optional.empty(), Optional.empty(), "");
  }

  public BuildStatus running(String byWorker, Instant at) {
    return new BuildStatus(
        BuildPhase.RUNNING, byWorker, Optional.of(at), finishedAt, exitCode, message);
  }

  public BuildStatus finished(boolean succeeded, int code, Instant at, String why) {
    return new BuildStatus(
        succeeded ? BuildPhase.SUCCEEDED : BuildPhase.FAILED,
        worker,
        startedAt.isPresent() ? startedAt : Optional.of(at),
        Optional.of(at),
        Optional.of(code),
        why);
  }
}
