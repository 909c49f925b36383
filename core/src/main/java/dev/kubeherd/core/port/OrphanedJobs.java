package dev.kubeherd.core.port;

/**
 * Job processes that a build's claimant left running when it died ({@code kill -9} of {@code brig
 * run --local} or of a local server): local jobs lead process groups of their own, so they outlive
 * the process that started them. Only local executors leave such jobs; {@link #NONE} is for every
 * other backend.
 */
@FunctionalInterface
public interface OrphanedJobs {
  /** For backends whose jobs cannot outlive their claimant's process: stops nothing. */
  OrphanedJobs NONE = buildId -> 0;

  /**
   * Stops the job processes of build {@code buildId} that are still running. Call it only once the
   * process that ran the build is known to be gone; never throws.
   *
   * @return how many jobs were stopped
   */
  int stopJobsOf(String buildId);
}
