package dev.kubeherd.core.local.exec;

import dev.kubeherd.core.model.JobResult;
import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.core.port.JobExecutor.JobHandle;
import dev.kubeherd.core.port.LogSink;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job on a local executor, from queueing to its result. Runs on its own virtual thread: waits
 * for a free slot, plans and starts the process, pumps its output, enforces the timeout, kills the
 * process tree on timeout or cancel, and completes with a {@link JobResult} (never exceptionally).
 *
 * <p>When the job process exits, the processes it left in the background are killed, as a
 * container's are when its main process ends: at once, or after a short grace period while they
 * still hold its output open. (Whether the output is still open cannot decide it: the JDK closes
 * its end of the pipe when the process exits if no read is under way at that moment.)
 */
final class JobRun implements JobHandle {
  private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);
  private static final Duration OUTPUT_GRACE = Duration.ofMillis(200);
  private static final Duration OUTPUT_AFTER_KILL = Duration.ofSeconds(5);
  private static final File NO_INPUT = new File("/dev/null");

  private enum Ending {
    EXITED,
    TIMED_OUT,
    CANCELLED
  }

  private final JobSpec spec;
  private final WorkDir workDir;
  private final Semaphore slots;
  private final Launch.Planner planner;
  private final OutputPump output;
  private final CompletableFuture<JobResult> completion = new CompletableFuture<>();
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private volatile Thread thread;

  private JobRun(
      JobSpec spec, LogSink sink, WorkDir workDir, Semaphore slots, Launch.Planner planner) {
    this.spec = spec;
    this.workDir = workDir;
    this.slots = slots;
    this.planner = planner;
    this.output = new OutputPump(sink, spec.podName());
  }

  /** Queues the job on {@code slots} and returns at once. */
  static JobHandle start(
      JobSpec spec, LogSink sink, WorkDir workDir, Semaphore slots, Launch.Planner planner) {
    JobRun run = new JobRun(spec, sink, workDir, slots, planner);
    Thread t = Thread.ofVirtual().name("job-" + spec.podName()).unstarted(run::run);
    run.thread = t;
    t.start();
    return run;
  }

  /** A handle for a job that needs no process. */
  static JobHandle finished(JobResult result) {
    CompletableFuture<JobResult> done = CompletableFuture.completedFuture(result);
    return new JobHandle() {
      @Override
      public CompletionStage<JobResult> completion() {
        return done.minimalCompletionStage();
      }

      @Override
      public void cancel() {}
    };
  }

  @Override
  public CompletionStage<JobResult> completion() {
    return completion.minimalCompletionStage();
  }

  @Override
  public void cancel() {
    if (cancelled.compareAndSet(false, true)) {
      Thread t = thread;
      if (t != null) {
        t.interrupt();
      }
    }
  }

  private void run() {
    JobResult result;
    try {
      result = runQueued();
    } catch (RuntimeException | Error e) {
      LOG.error("Job {} failed unexpectedly", spec.podName(), e);
      result = refused("unexpected error " + e);
    }
    completion.complete(result);
  }

  private JobResult runQueued() {
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      return JobResult.failed(spec.podName(), -1, "");
    }
    try {
      return cancelled.get() ? JobResult.failed(spec.podName(), -1, "") : runWithSlot();
    } finally {
      slots.release();
    }
  }

  private JobResult runWithSlot() {
    JobDir dir = null;
    try {
      dir = JobDir.create(workDir, spec.podName());
      Launch launch = planner.plan(spec, dir);
      Process process = start(launch, dir);
      recordGroup(dir, process, launch.removal());
      return runProcess(launch, process);
    } catch (IOException e) {
      return cancelled.get() ? JobResult.failed(spec.podName(), -1, "") : refused(e.getMessage());
    } finally {
      if (dir != null) {
        dir.delete();
      }
    }
  }

  /**
   * Starts the job's process with {@link JobGroups#MARKER} naming its directory, which every
   * process of the job inherits: the mark by which {@link JobGroups} tells the job's processes from
   * others once the leader is gone.
   */
  private static Process start(Launch launch, JobDir dir) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(launch.command())
            .directory(launch.directory().toFile())
            .redirectErrorStream(true)
            .redirectInput(NO_INPUT);
    Map<String, String> env = builder.environment();
    if (!launch.inheritEnvironment()) {
      env.clear();
    }
    env.putAll(launch.environment());
    env.put(JobGroups.MARKER, dir.path().getFileName().toString());
    return builder.start();
  }

  /**
   * Records the group the job leads in its directory, so that it can be stopped should this process
   * die before the job ends ({@link JobGroups}); the directory, and so the record, is deleted when
   * the job ends.
   */
  private void recordGroup(JobDir dir, Process process, List<String> removal) {
    Optional<JobGroup> group = JobGroup.of(process.pid(), spec.buildId(), spec.name(), removal);
    if (group.isEmpty()) {
      return; // no /proc: the group could not be judged later
    }
    try {
      dir.write(JobGroup.FILE, group.get().text());
    } catch (IOException e) {
      LOG.warn(
          "Cannot record the process group of job {}; it keeps running should this process die: {}",
          spec.podName(),
          e.toString());
    }
  }

  private JobResult runProcess(Launch launch, Process process) {
    Thread.ofVirtual()
        .name("job-output-" + spec.podName())
        .start(() -> output.drain(process.getInputStream()));
    Ending ending = awaitExit(process);
    if (ending == Ending.EXITED) {
      awaitOutput(OUTPUT_GRACE);
      ProcessTree.killGroup(process.pid());
    } else {
      launch.stop().accept(process);
    }
    boolean exited = ProcessTree.awaitUninterruptibly(process, 30);
    if (!awaitOutput(OUTPUT_AFTER_KILL)) {
      LOG.warn("Output of job {} is still open after its processes were killed", spec.podName());
    }
    return result(ending, exited ? process.exitValue() : -1);
  }

  private Ending awaitExit(Process process) {
    try {
      Duration timeout = spec.timeout();
      if (cancelled.get()) {
        return Ending.CANCELLED;
      } else if (timeout == null || timeout.isZero() || timeout.isNegative()) {
        process.waitFor();
        return Ending.EXITED;
      }
      return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)
          ? Ending.EXITED
          : Ending.TIMED_OUT;
    } catch (InterruptedException e) {
      return Ending.CANCELLED;
    }
  }

  /** Waits up to {@code limit} for the end of the output; a cancel does not cut this short. */
  private boolean awaitOutput(Duration limit) {
    try {
      return output.await(limit);
    } catch (InterruptedException e) {
      return output.finished();
    }
  }

  private JobResult result(Ending ending, int exitCode) {
    String pod = spec.podName();
    String log = output.text();
    return switch (ending) {
      case EXITED ->
          exitCode == 0 ? JobResult.success(pod, log) : JobResult.failed(pod, exitCode, log);
      case TIMED_OUT -> JobResult.timedOut(pod, spec.timeout().toMillis(), log);
      case CANCELLED -> JobResult.failed(pod, exitCode, log);
    };
  }

  private JobResult refused(String why) {
    output.note("kubeherd: cannot run job " + spec.podName() + ": " + why + "\n");
    return JobResult.failed(spec.podName(), -1, output.text());
  }
}
