package dev.kubeherd.core.service;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.WorkerLauncher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local server's build loop, one pass at a time: pending builds, oldest first, are claimed
 * ({@link BuildStore#claim}, exactly once across processes) and launched, at most {@code
 * maxConcurrent} at a time. A build someone else claimed — for example {@code brig run --local} in
 * another process — is never launched here.
 */
public final class PendingBuildDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(PendingBuildDispatcher.class);
  private final BuildStore builds;
  private final WorkerLauncher launcher;
  private final String workerName;
  private final Semaphore slots;

  public PendingBuildDispatcher(
      BuildStore builds, WorkerLauncher launcher, String workerName, int maxConcurrent) {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("maxConcurrent must be at least 1, was " + maxConcurrent);
    }
    this.builds = builds;
    this.launcher = launcher;
    this.workerName = workerName;
    this.slots = new Semaphore(maxConcurrent);
  }

  /** Claims and launches what it can now; returns the launched builds' completions. */
  public List<CompletionStage<BuildStatus>> dispatchPending() {
    List<CompletionStage<BuildStatus>> launched = new ArrayList<>();
    List<Build> pending =
        builds.list(Optional.empty()).stream()
            .filter(b -> b.status().phase() == BuildPhase.PENDING)
            .sorted(Comparator.comparing(Build::id))
            .toList();
    for (Build build : pending) {
      if (!slots.tryAcquire()) {
        break;
      }
      CompletionStage<BuildStatus> done;
      try {
        if (!builds.claim(build.id(), workerName)) {
          slots.release();
          continue;
        }
        LOG.info("build {} of project {} claimed by {}", build.id(), build.projectId(), workerName);
        done = launcher.launch(build);
      } catch (RuntimeException e) {
        // e.g. the build was deleted while it was claimed: the next builds still get their turn
        slots.release();
        LOG.warn(
            "build {} of project {} not launched: {}", build.id(), build.projectId(), e.toString());
        continue;
      }
      done.whenComplete((s, e) -> slots.release());
      launched.add(done);
    }
    return launched;
  }
}
