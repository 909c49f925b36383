package dev.kubeherd.cli;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.LogSink;
import dev.kubeherd.core.port.LogStore;
import dev.kubeherd.core.port.WorkerLauncher;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A worker stand-in for log-printing tests: on its own thread writes the given worker log lines a
 * few milliseconds apart, then finishes the build as told.
 */
final class ScriptedLauncher implements WorkerLauncher {
  private final BuildStore builds;
  private final LogStore logs;
  private final Clock clock;
  private volatile List<String> lines = List.of();
  private volatile boolean succeed = true;
  private volatile RuntimeException crash;

  ScriptedLauncher(BuildStore builds, LogStore logs, Clock clock) {
    this.builds = builds;
    this.logs = logs;
    this.clock = clock;
  }

  ScriptedLauncher writes(String... workerLog) {
    this.lines = List.of(workerLog);
    return this;
  }

  ScriptedLauncher fails() {
    this.succeed = false;
    return this;
  }

  ScriptedLauncher crashes(RuntimeException e) {
    this.crash = e;
    return this;
  }

  @Override
  public CompletionStage<BuildStatus> launch(Build build) {
    return CompletableFuture.supplyAsync(() -> work(build));
  }

  private BuildStatus work(Build build) {
    try (LogSink sink = logs.open(build.id(), LogStore.WORKER)) {
      for (String line : lines) {
        sink.line(line);
        pause();
      }
    }
    if (crash != null) {
      throw crash;
    }
    BuildStatus done =
        build.status().finished(succeed, succeed ? 0 : 1, clock.instant(), succeed ? "" : "boom");
    builds.updateStatus(build.id(), done);
    return done;
  }

  private static void pause() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
