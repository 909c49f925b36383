package dev.kubeherd.core.service;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.WorkerLauncher;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
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
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

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
    return List.copyOf(dispatch().values());
  }

  /**
   * Claims and launches what it can now; returns the launched builds' completions by build ID, in
   * launch order.
   */
  public Map<String, CompletionStage<BuildStatus>> dispatch() {
    Map<String, CompletionStage<BuildStatus>> launched = new LinkedHashMap<>();
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
        inFlight.add(build.id());
        done = launcher.launch(build);
      } catch (RuntimeException e) {
        // e.g. the build was deleted while it was claimed: the next builds still get their turn
        inFlight.remove(build.id());
        slots.release();
        LOG.warn(
            "build {} of project {} not launched: {}", build.id(), build.projectId(), e.toString());
        continue;
      }
      done.whenComplete(
          (s, e) -> {
            inFlight.remove(build.id());
            slots.release();
          });
      launched.put(build.id(), done);
    }
    return launched;
  }

  /** The builds this dispatcher launched that have not finished yet. */
  public Set<String> inFlight() {
    return Set.copyOf(inFlight);
  }

  /**
   * Ends every build still in flight as Failed with {@code message} (exit code 130, as a cancel),
   * so their workers stop their jobs, and waits up to {@code grace} for them to finish. For a
   * server that is being stopped: otherwise its builds would stay Running with no worker left.
   *
   * @return the builds that were ended
   */
  public Set<String> stopAll(String message, Clock clock, Duration grace)
      throws InterruptedException {
    return stopAll(id -> message, clock, grace);
  }

  /** {@link #stopAll(String, Clock, Duration)} with a message made for each build ID. */
  public Set<String> stopAll(Function<String, String> message, Clock clock, Duration grace)
      throws InterruptedException {
    Set<String> ended = inFlight();
    for (String id : ended) {
      try {
        builds.updateStatus(
            id,
            s ->
                s.phase().isTerminal()
                    ? s
                    : s.finished(false, 130, clock.instant(), message.apply(id)));
      } catch (RuntimeException e) {
        LOG.warn("build {} could not be marked stopped: {}", id, e.toString());
      }
    }
    long deadline = System.nanoTime() + grace.toNanos();
    while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50); // each worker sees its ended status within its cancel poll
    }
    return ended;
  }
}
