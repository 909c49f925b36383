package dev.kubeherd.worker;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.port.WorkerLauncher;
import dev.kubeherd.worker.run.BuildWorker;
import dev.kubeherd.worker.script.ScriptEngines;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Local mode's launcher: runs each claimed build's worker in this process, on a thread of its own
 * (that thread owns the build's JavaScript context for the whole run).
 */
public final class InProcessWorkerLauncher implements WorkerLauncher {
  private static final long STACK_BYTES = 8L * 1024 * 1024;
  private final BuildWorker worker;

  public InProcessWorkerLauncher(BuildWorker worker) {
    this.worker = worker;
    prewarm();
  }

  /** Warms the script engine up in the background (see {@link ScriptEngines#prewarm()}). */
  public static void prewarm() {
    ScriptEngines.prewarm();
  }

  @Override
  public CompletionStage<BuildStatus> launch(Build build) {
    CompletableFuture<BuildStatus> done = new CompletableFuture<>();
    Runnable body =
        () -> {
          try {
            done.complete(worker.run(build));
          } catch (RuntimeException | Error e) {
            done.completeExceptionally(e);
          }
        };
    Thread t = new Thread(null, body, "worker-" + build.id(), STACK_BYTES);
    t.setDaemon(true);
    t.start();
    return done;
  }
}
