package dev.kubeherd.core.port;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.JobRecord;
import java.util.List;
import java.util.Optional;

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
   * @return false when there was no such build
   */
  boolean delete(String buildId);

  void saveJob(JobRecord job);

  /** Job records in the order the jobs started. */
  List<JobRecord> jobs(String buildId);
}
