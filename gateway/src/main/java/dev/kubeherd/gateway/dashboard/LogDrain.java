package dev.kubeherd.gateway.dashboard;

import java.time.Duration;

/**
 * When a followed log is done. The build (or job) record turns terminal before its writer is: a
 * cancel marks the build Failed first, and the worker then writes its "… cancelled" lines and
 * closes its logs (flushing what the masker held back) once its jobs stop. So a stream goes on
 * after the end until the writer has had {@link #LATE_WRITES} since the recorded end and the log
 * has not grown for {@link #QUIET}, and at most {@link #MAX_AFTER_END} after it saw the end. A
 * build that ended long ago is done after one quiet period. Pure, one per stream; times are {@link
 * System#nanoTime()} values.
 */
final class LogDrain {
  /**
   * How long a log must not have grown. The worker notices a cancel within its cancel poll (1 s,
   * {@code BuildWorker.DEFAULT_CANCEL_POLL}), and a Kubernetes log sink holds writes up to 500 ms
   * ({@code ConfigMapLogStore.DEFAULT_FLUSH_INTERVAL}); neither module is the gateway's to read.
   */
  static final Duration QUIET = Duration.ofMillis(1500);

  /**
   * How long after the recorded end the writer may still write: the cancel poll (1 s), then up to
   * {@code JobRunner.CANCEL_GRACE} (5 s) for cancelled jobs to stop before their logs and the
   * worker's are closed, then the sink's 500 ms flush, rounded up.
   */
  static final Duration LATE_WRITES = Duration.ofSeconds(7);

  /** A stream ends this long after it saw the end even while the log still grows. */
  static final Duration MAX_AFTER_END = Duration.ofSeconds(30);

  private int length = -1;
  private long grewAt;
  private boolean endSeen;
  private long endSeenAt;
  private long lateUntil;

  /**
   * @param logLength the log's length as just read
   * @param sinceEnd how long ago the record says the writer ended, or null while it runs
   * @param now {@link System#nanoTime()}
   * @return whether the stream is done: nothing more is expected in the log
   */
  boolean done(int logLength, Duration sinceEnd, long now) {
    if (logLength != length) {
      length = logLength;
      grewAt = now;
    }
    if (sinceEnd == null) {
      return false;
    }
    if (!endSeen) {
      endSeen = true;
      endSeenAt = now;
      lateUntil = now + Math.max(0, LATE_WRITES.minus(sinceEnd).toNanos());
    }
    if (now - endSeenAt >= MAX_AFTER_END.toNanos()) {
      return true;
    }
    return now - lateUntil >= 0 && now - grewAt >= QUIET.toNanos();
  }
}
