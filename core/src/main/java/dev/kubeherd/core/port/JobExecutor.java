package dev.kubeherd.core.port;

import dev.kubeherd.core.model.JobResult;
import dev.kubeherd.core.model.JobSpec;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Runs jobs: as pods, local processes or containers. */
public interface JobExecutor {

  /**
   * Starts the job without blocking. Output goes to {@code log} as it is produced; the handle
   * completes with the result (never exceptionally for a job that merely failed or timed out).
   */
  JobHandle start(JobSpec spec, LogSink log);

  /**
   * Whether this executor writes the v1 progress lines of its jobs to the build log itself ({@code
   * Creating secret/pod}, {@code Timeout set at}, {@code <ns>/<pod> phase <Phase>}), so the caller
   * must not write its own. Local executors do not.
   */
  default boolean reportsProgress() {
    return false;
  }

  /**
   * What this executor will do differently from a v1 job pod for {@code spec}, for the build log
   * before the job starts (local processes ignore the image, so a job with neither tasks nor args
   * runs nothing where v1 ran the image's entrypoint); empty when it runs the job as written.
   */
  default Optional<String> caveat(JobSpec spec) {
    return Optional.empty();
  }

  /** A running job. */
  interface JobHandle {
    CompletionStage<JobResult> completion();

    /** Stops the job and everything it started. Idempotent. */
    void cancel();
  }
}
