package dev.kubeherd.core.port;

import dev.kubeherd.core.BuildNotFoundException;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.JobRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/** Builds (v1: build Secrets) with their status and job records. */
public interface BuildStore {

  /** Stores a new pending build under a fresh ULID and returns it. Durable when this returns. */
  Build create(BuildRequest request);

  Optional<Build> find(String buildId);

  /** Builds newest first; only the given project's when {@code projectId} is present. */
  List<Build> list(Optional<String> projectId);

  /**
   * Hands the build to {@code worker} exactly once: of any number of concurrent callers, in any
   * number of processes sharing the store, one gets {@code true}; the build is then RUNNING.
   */
  boolean claim(String buildId, String worker);

  void updateStatus(String buildId, BuildStatus status);

  /**
   * Changes the build's status atomically: {@code change} gets the current status and returns the
   * new one, or the same one to leave it. Of concurrent changes, in any number of processes, each
   * sees the result of those before it, so "end it unless it has ended" cannot undo another end.
   * {@code change} may be called more than once and must have no side effects.
   *
   * @return the status afterwards
   */
  BuildStatus updateStatus(String buildId, UnaryOperator<BuildStatus> change);

  /**
   * Fails the build (exit code {@code exitCode}, ended {@code at}, saying {@code message}) unless
   * it has ended, atomically as {@link #updateStatus(String, UnaryOperator)}: an end that lands
   * first (a cancel, the worker's own) stands. A store may do this for a build whose stored form it
   * cannot otherwise read, keeping what it can of the status, so a build reported as unreadable can
   * still be failed with the reason.
   *
   * @return true when this call failed the build; false when it had ended, or there is no such
   *     build
   */
  default boolean failUnlessEnded(String buildId, int exitCode, Instant at, String message) {
    AtomicBoolean failed = new AtomicBoolean();
    try {
      updateStatus(
          buildId,
          s -> {
            failed.set(!s.phase().isTerminal());
            return failed.get() ? s.finished(false, exitCode, at, message) : s;
          });
    } catch (BuildNotFoundException e) {
      return false;
    }
    return failed.get();
  }

  /**
   * @return false when there was no such build
   */
  boolean delete(String buildId);

  void saveJob(JobRecord job);

  /** Job records in the order the jobs started. */
  List<JobRecord> jobs(String buildId);
}
