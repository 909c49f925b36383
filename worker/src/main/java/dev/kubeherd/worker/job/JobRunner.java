package dev.kubeherd.worker.job;

import dev.kubeherd.core.log.SecretValues;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.JobRecord;
import dev.kubeherd.core.model.JobResult;
import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.JobExecutor;
import dev.kubeherd.core.port.JobExecutor.JobHandle;
import dev.kubeherd.core.port.LogSink;
import dev.kubeherd.core.port.LogStore;
import dev.kubeherd.worker.loop.EventLoop;
import dev.kubeherd.worker.metrics.WorkerMetrics;
import dev.kubeherd.worker.run.WorkerLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Starts a build's jobs on the {@link JobExecutor} and hands each result back to the event loop.
 * Writes the v1-style progress lines ({@code <ns>/<pod> phase Running}) brig collapses (unless the
 * executor {@linkplain JobExecutor#reportsProgress() writes its own}), keeps a {@link JobRecord}
 * per job and refuses a second job of the same name in one build. What reaches the script (a {@code
 * run()} result, a rejection) is masked like the stored logs {@code job.logs()} reads.
 */
public final class JobRunner {
  private final LogStore logs;
  private final SecretValues secrets;
  private final WorkerMetrics metrics;
  private final Clock clock;
  private final JobExecutor executor;
  private final EventLoop loop;
  private final WorkerLog log;
  private final String namespace;
  private final String buildId;
  private static final int TAIL_LINES = 10;
  private final Set<String> started = new HashSet<>();
  private final JobRecords records;

  /** Exit code recorded for a job stopped by {@link #cancelAll()}, as a shell's for SIGINT. */
  public static final int CANCELLED_EXIT_CODE = 130;

  /** How long {@link #flush()} waits for a cancelled job to end before closing its log. */
  public static final Duration CANCEL_GRACE = Duration.ofSeconds(5);

  /** Jobs started and not yet recorded as ended; whoever removes one records its end. */
  private final Map<JobHandle, Started> running = new ConcurrentHashMap<>();

  /** Jobs {@link #cancelAll()} stopped: {@link #flush()} closes their logs once they end. */
  private final List<Started> cancelled = new CopyOnWriteArrayList<>();

  /** Set by {@link #cancelAll()}: from then on no job starts. */
  private volatile boolean cancelRequested;

  private record Started(JobHandle handle, JobSpec spec, LogSink sink, Instant at) {}

  /**
   * @param logs where job logs go, masking {@code secrets} as it writes
   * @param secrets the values masked in what the script gets back too
   */
  public JobRunner(
      BuildStore builds,
      WorkerMetrics metrics,
      LogStore logs,
      SecretValues secrets,
      JobExecutor executor,
      EventLoop loop,
      WorkerLog log,
      Clock clock,
      String namespace,
      String buildId) {
    this.metrics = metrics;
    this.clock = clock;
    this.logs = logs;
    this.secrets = secrets;
    this.executor = executor;
    this.loop = loop;
    this.log = log;
    this.namespace = namespace;
    this.buildId = buildId;
    this.records = new JobRecords(builds, clock, buildId, w -> log.warn("[brigade:k8s] " + w));
  }

  /**
   * Starts {@code spec}; on the loop thread later calls {@code onSuccess} with the job log or
   * {@code onFailure} with the v1 rejection text {@code job <name>(<pod>): Error: ...}.
   */
  public void start(
      JobSpec spec, boolean streamLogs, Consumer<String> onSuccess, Consumer<String> onFailure) {
    String pod = spec.podName();
    if (cancelRequested) {
      onFailure.accept(prefix(spec) + "Error: the build was cancelled; the job was not started");
      return;
    }
    if (!started.add(spec.name())) {
      onFailure.accept(
          prefix(spec)
              + "Error: a job named \""
              + spec.name()
              + "\" already ran in build "
              + spec.buildId()
              + "; job names must be unique within a build");
      return;
    }
    executor.caveat(spec).ifPresent(caveat -> log.warn("[brigade:k8s] " + caveat));
    boolean ownLines = !executor.reportsProgress();
    if (ownLines) {
      log.log("[brigade:k8s] Creating pod " + pod);
      log.log("[brigade:k8s] Timeout set at " + spec.timeout().toMillis() + " milliseconds");
    }
    records.running(spec);
    if (ownLines) {
      log.log("[brigade:k8s] " + namespace + "/" + pod + " phase Running");
    }
    LogSink sink = jobSink(spec, streamLogs);
    Instant startedAt = clock.instant();
    loop.beginAsync();
    JobHandle handle = executor.start(spec, sink);
    running.put(handle, new Started(handle, spec, sink, startedAt));
    if (cancelRequested) {
      cancelAll(); // the cancel came while this job was being started
    }
    handle
        .completion()
        .whenComplete(
            (result, error) -> {
              Duration took = Duration.between(startedAt, clock.instant());
              loop.completeAsync(
                  () -> finish(spec, sink, handle, result, error, took, onSuccess, onFailure));
            });
  }

  /**
   * Closes the logs of cancelled jobs once they ended (at most {@link #CANCEL_GRACE} each) and
   * waits until every job record is in the store; call once the script has finished.
   */
  public void flush() throws InterruptedException {
    for (Started job : cancelled) {
      try {
        job.handle()
            .completion()
            .toCompletableFuture()
            .get(CANCEL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // it was stopped; close what it wrote
      }
      job.sink().close();
    }
    records.flush();
  }

  /**
   * Stops every job still running (the build was cancelled, or the worker gives up on it) and
   * records each as Failed with {@value #CANCELLED_EXIT_CODE}; their results will not reach the
   * script, whose loop stops next. The records are queued before the jobs are stopped, while their
   * completions still keep the loop (and so the record writer) alive. Jobs the script starts
   * afterwards (in an {@code after} handler, say) are refused. Safe from any thread.
   */
  public void cancelAll() {
    cancelRequested = true;
    for (JobHandle h : List.copyOf(running.keySet())) {
      Started job = running.remove(h);
      if (job != null) {
        log.error("[brigade:k8s] " + namespace + "/" + job.spec().podName() + " cancelled");
        records.finished(job.spec(), BuildPhase.FAILED, CANCELLED_EXIT_CODE);
        metrics.jobEnded(
            new JobResult(
                job.spec().podName(),
                BuildPhase.FAILED,
                CANCELLED_EXIT_CODE,
                "",
                "Error: cancelled"),
            Duration.between(job.at(), clock.instant()));
        cancelled.add(job);
        h.cancel();
      }
    }
  }

  /** The job's log so far, for {@code job.logs()}. */
  public String logsOf(String podName) {
    return logs.read(buildId, podName);
  }

  private void finish(
      JobSpec spec,
      LogSink sink,
      JobHandle handle,
      JobResult result,
      Throwable error,
      Duration took,
      Consumer<String> onSuccess,
      Consumer<String> onFailure) {
    if (running.remove(handle) == null) {
      return; // cancelled: cancelAll recorded its end, flush closes its log
    }
    records.later(sink::close);
    JobResult r =
        error != null
            ? new JobResult(
                spec.podName(), BuildPhase.FAILED, -1, "", "Error: " + error.getMessage())
            : result;
    if (!executor.reportsProgress()) {
      log.log(
          "[brigade:k8s] " + namespace + "/" + spec.podName() + " phase " + r.phase().display());
    }
    records.finished(spec, r.phase(), r.exitCode());
    metrics.jobEnded(r, took);
    if (r.succeeded()) {
      onSuccess.accept(secrets.mask(r.log()));
    } else {
      logTail(spec.podName(), r.log());
      onFailure.accept(secrets.mask(prefix(spec) + r.failure()));
    }
  }

  /** The last lines of a failed job's output, so the reason shows up in the build log. */
  private void logTail(String pod, String jobLog) {
    List<String> lines = jobLog.lines().toList();
    int from = Math.max(0, lines.size() - TAIL_LINES);
    if (lines.isEmpty()) {
      return;
    }
    log.error("[brigade:k8s] last " + (lines.size() - from) + " line(s) of " + pod + ":");
    lines.subList(from, lines.size()).forEach(l -> log.error("    " + l));
  }

  private LogSink jobSink(JobSpec spec, boolean streamLogs) {
    LogSink store = logs.open(spec.buildId(), spec.podName());
    if (!streamLogs) {
      return store;
    }
    String linePrefix = "[brigade:k8s] " + namespace + "/" + spec.podName() + " logs ";
    return new TeeSink(store, log.sink(), linePrefix);
  }

  private static String prefix(JobSpec spec) {
    return "job " + spec.name() + "(" + spec.podName() + "): ";
  }
}
