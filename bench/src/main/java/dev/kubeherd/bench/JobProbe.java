package dev.kubeherd.bench;

import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.core.port.JobExecutor;
import dev.kubeherd.core.port.LogSink;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link JobExecutor} decorator that timestamps jobs per build with {@link System#nanoTime()}:
 * the first {@code start} call (P1's "first job started"), the first completion (P2's exit point),
 * the last completion, how long the delegate's {@code start} blocked the caller, and how many jobs
 * were in flight at most (started and not yet completed, as the worker sees them).
 */
final class JobProbe implements JobExecutor {
  private final JobExecutor delegate;
  private final Map<String, Times> byBuild = new ConcurrentHashMap<>();

  JobProbe(JobExecutor delegate) {
    this.delegate = delegate;
  }

  /** Per-build timestamps; created on first use so a caller can wait before the build starts. */
  Times times(String buildId) {
    return byBuild.computeIfAbsent(buildId, id -> new Times());
  }

  void forget(String buildId) {
    byBuild.remove(buildId);
  }

  @Override
  public JobHandle start(JobSpec spec, LogSink log) {
    Times t = times(spec.buildId());
    long now = System.nanoTime();
    t.firstStart.complete(now);
    t.started.incrementAndGet();
    t.maxInFlight.accumulateAndGet(t.inFlight.incrementAndGet(), Math::max);
    JobHandle handle = delegate.start(spec, log);
    t.startCallNanos.add(System.nanoTime() - now);
    handle
        .completion()
        .whenComplete(
            (result, error) -> {
              long done = System.nanoTime();
              t.inFlight.decrementAndGet();
              t.lastDone.accumulateAndGet(done, Math::max);
              if (error != null || !result.succeeded()) {
                t.failed.incrementAndGet();
              }
              t.completed.incrementAndGet();
              t.firstDone.complete(done);
            });
    return handle;
  }

  /** What one build's jobs did, as seen at the executor port. */
  static final class Times {
    final CompletableFuture<Long> firstStart = new CompletableFuture<>();
    final CompletableFuture<Long> firstDone = new CompletableFuture<>();
    final AtomicLong lastDone = new AtomicLong(Long.MIN_VALUE);
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger completed = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final LongAdder startCallNanos = new LongAdder();
  }
}
