package dev.kubeherd.worker.job;

import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.JobRecord;
import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.core.port.BuildStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps a build's {@link JobRecord}s in the store without making the script's thread wait for the
 * disk: records are written in order by one background thread per build, and a record that a newer
 * one of the same job replaced before it was written is skipped (a short job's RUNNING record).
 * {@link #flush()} waits until every record is written (before the build's end is recorded).
 */
final class JobRecords {
  private static final long FLUSH_SECONDS = 60;
  private final BuildStore builds;
  private final Clock clock;
  private final Consumer<String> warn;
  private final Map<String, Instant> startTimes = new ConcurrentHashMap<>();
  private final Map<String, JobRecord> latest = new ConcurrentHashMap<>();
  private final ExecutorService writer;

  JobRecords(BuildStore builds, Clock clock, String buildId, Consumer<String> warn) {
    this.builds = builds;
    this.clock = clock;
    this.warn = warn;
    this.writer =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "job-records-" + buildId);
              t.setDaemon(true);
              return t;
            });
  }

  /** Records that the job started now. Call from the loop thread. */
  void running(JobSpec spec) {
    Instant now = clock.instant();
    startTimes.put(spec.name(), now);
    save(spec, BuildPhase.RUNNING, Optional.empty());
  }

  /** Records how the job ended. Call from the loop thread, or once the loop is stopping. */
  void finished(JobSpec spec, BuildPhase phase, int exitCode) {
    save(spec, phase, Optional.of(exitCode));
  }

  /** Runs {@code task} on the writer thread, after the records queued so far. */
  void later(Runnable task) {
    writer.execute(task);
  }

  /** Waits until all queued records are written; later calls to this object are not allowed. */
  void flush() throws InterruptedException {
    writer.shutdown();
    if (!writer.awaitTermination(FLUSH_SECONDS, TimeUnit.SECONDS)) {
      warn.accept("job records still being written after " + FLUSH_SECONDS + " s; giving up");
    }
  }

  private void save(JobSpec spec, BuildPhase phase, Optional<Integer> exitCode) {
    Optional<Instant> started = Optional.ofNullable(startTimes.get(spec.name()));
    Optional<Instant> ended = phase.isTerminal() ? Optional.of(clock.instant()) : Optional.empty();
    JobRecord record =
        new JobRecord(
            spec.buildId(),
            spec.name(),
            spec.podName(),
            spec.image(),
            phase,
            started,
            ended,
            exitCode);
    latest.put(spec.name(), record);
    writer.execute(() -> write(spec.name(), record));
  }

  private void write(String job, JobRecord record) {
    if (latest.get(job) != record) {
      return; // a newer record of this job is queued behind this one
    }
    try {
      builds.saveJob(record);
    } catch (RuntimeException e) {
      warn.accept("could not record job " + record.podName() + ": " + e.getMessage());
    }
  }
}
