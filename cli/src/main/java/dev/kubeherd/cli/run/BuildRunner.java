package dev.kubeherd.cli.run;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.CliException;
import dev.kubeherd.cli.JobRuntime;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.port.LogStore;
import dev.kubeherd.core.service.BuildCancel;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Takes a created build to its end in the foreground, the way {@code brig run} waits for the worker
 * pod: claims it, launches its worker and follows the worker log. When another process claimed the
 * build first, follows that process's log instead.
 */
final class BuildRunner {
  /** How long a stopping brig gives its in-process worker to stop the build's jobs. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private final BrigApp app;
  private final PrintWriter out;
  private final PrintWriter err;
  private final LinePrinter printer;
  private final JobRuntime runtime;

  BuildRunner(
      BrigApp app, PrintWriter out, PrintWriter err, LinePrinter printer, JobRuntime runtime) {
    this.app = app;
    this.runtime = runtime;
    this.out = out;
    this.err = err;
    this.printer = printer;
  }

  /** Runs or follows the build and returns how it ended. */
  BuildStatus run(Build build) throws InterruptedException {
    String id = build.id();
    out.println("Event created. Waiting for worker pod named \"" + build.workerName() + "\".");
    if (!app.runsWorkers()) {
      return awaitController(build);
    }
    boolean claimed = app.builds().claim(id, app.claimant());
    if (!claimed) {
      out.println(
          "Build "
              + id
              + " was claimed by "
              + claimant(id)
              + " first; following its log instead of starting a worker.");
    }
    out.println("Build: " + id + ", Worker: " + build.workerName());
    out.flush();
    return claimed ? launchAndFollow(id) : followOther(id);
  }

  private BuildStatus launchAndFollow(String id) throws InterruptedException {
    Build running = current(id);
    AtomicReference<CompletableFuture<BuildStatus>> worker = new AtomicReference<>();
    Thread onExit = new Thread(() -> failOnExit(id, worker.get()));
    Runtime.getRuntime().addShutdownHook(onExit);
    try {
      CompletableFuture<BuildStatus> done = launch(running);
      worker.set(done);
      follower(id).follow(done::isDone);
      return outcome(id, done);
    } finally {
      removeHook(onExit);
    }
  }

  private BuildStatus outcome(String id, CompletableFuture<BuildStatus> done) {
    try {
      return done.join();
    } catch (CompletionException | CancellationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String why =
          "the worker failed: " + (cause.getMessage() == null ? cause : cause.getMessage());
      return markFailed(id, 1, why); // the caller prints the status message
    }
  }

  /**
   * brig is being stopped (Ctrl-C, SIGTERM): fails the build and gives its in-process worker a
   * moment to see that and stop its jobs, which run in their own process groups and would otherwise
   * outlive brig.
   */
  private void failOnExit(String id, CompletableFuture<BuildStatus> worker) {
    try {
      // a cancel by the user, stored as brig build cancel and the dashboard store theirs
      markFailed(id, BuildCancel.EXIT_CODE, "brig stopped before the build finished");
      if (worker != null) {
        worker.get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | ExecutionException | TimeoutException e) {
      // best effort while the JVM goes down; the store may be gone or half written
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook is running or has run
    }
  }

  private CompletableFuture<BuildStatus> launch(Build build) {
    try {
      return app.launcher(runtime).launch(build).toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Fails the build unless it already ended (the worker's own status wins). */
  private BuildStatus markFailed(String id, int exitCode, String why) {
    Instant at = app.clock().instant();
    return app.builds()
        .updateStatus(id, s -> s.phase().isTerminal() ? s : s.finished(false, exitCode, at, why));
  }

  private BuildStatus followOther(String id) throws InterruptedException {
    follower(id)
        .follow(() -> app.builds().find(id).map(b -> b.status().phase().isTerminal()).orElse(true));
    return current(id).status();
  }

  /**
   * Kubernetes mode: the controller starts the worker. Waits (up to {@link #START_TIMEOUT}, as v1)
   * for the build to leave Pending, then follows the worker log to the end.
   */
  private BuildStatus awaitController(Build build) throws InterruptedException {
    String id = build.id();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (current(id).status().phase() == BuildPhase.PENDING) {
      if (Instant.now().isAfter(deadline)) {
        throw new CliException(
            "timeout waiting for build "
                + id
                + " to start; is the kubeherd controller running in this namespace (for a"
                + " pool-mode project: a kubeherd worker-pool)? The build stays queued: follow it"
                + " later with brig build logs "
                + id);
      }
      Thread.sleep(app.logPoll().toMillis());
    }
    out.println("Build: " + id + ", Worker: " + build.workerName());
    out.flush();
    return followOther(id);
  }

  private String claimant(String id) {
    String worker = app.builds().find(id).map(b -> b.status().worker()).orElse("");
    return worker.isEmpty() ? "another worker" : worker;
  }

  private Build current(String id) {
    return app.builds()
        .find(id)
        .orElseThrow(() -> new CliException("build " + id + " was deleted while it ran"));
  }

  private LogFollower follower(String id) {
    return new LogFollower(app.logs(), id, LogStore.WORKER, printer, app.logPoll());
  }
}
