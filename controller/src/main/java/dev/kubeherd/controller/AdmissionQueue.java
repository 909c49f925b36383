package dev.kubeherd.controller;

import dev.kubeherd.core.model.Build;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Pending builds waiting for a slot, oldest first (creation time, then ULID), and the builds
 * holding a slot. A build is admitted when both the global and its project's limit allow; a project
 * at its limit does not hold up other projects' builds queued behind it. Thread-safe; pure (no
 * I/O).
 */
public final class AdmissionQueue {
  private static final Comparator<Build> OLDEST_FIRST =
      Comparator.comparing(Build::createdAt).thenComparing(Build::id);

  private final AdmissionLimits limits;
  private final TreeSet<Build> pending = new TreeSet<>(OLDEST_FIRST);
  private final Map<String, Build> pendingById = new HashMap<>();
  private final Map<String, String> runningProjectById = new HashMap<>();
  private final Map<String, Integer> runningPerProject = new HashMap<>();

  public AdmissionQueue(AdmissionLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * Queues a pending build.
   *
   * @return false when the build is already queued or holds a slot
   */
  public synchronized boolean offer(Build build) {
    if (pendingById.containsKey(build.id()) || runningProjectById.containsKey(build.id())) {
      return false;
    }
    pending.add(build);
    pendingById.put(build.id(), build);
    return true;
  }

  /**
   * The oldest queued build the limits allow to start now; it leaves the queue and holds a slot
   * until {@link #release}. Empty when nothing may start.
   */
  public synchronized Optional<Build> nextAdmissible() {
    if (!limits.globalAllows(runningProjectById.size())) {
      return Optional.empty();
    }
    for (Iterator<Build> it = pending.iterator(); it.hasNext(); ) {
      Build b = it.next();
      if (limits.projectAllows(runningPerProject.getOrDefault(b.projectId(), 0))) {
        it.remove();
        pendingById.remove(b.id());
        take(b.id(), b.projectId());
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  /**
   * Counts a build that is already running (found on start or after a leader change) against the
   * limits, even when that exceeds them; it leaves the queue if it was queued.
   *
   * @return false when it already held a slot
   */
  public synchronized boolean markRunning(String buildId, String projectId) {
    removePending(buildId);
    if (runningProjectById.containsKey(buildId)) {
      return false;
    }
    take(buildId, projectId);
    return true;
  }

  /**
   * Frees the slot of a build that ended (or will never start).
   *
   * @return false when the build held no slot
   */
  public synchronized boolean release(String buildId) {
    String project = runningProjectById.remove(buildId);
    if (project == null) {
      return false;
    }
    runningPerProject.computeIfPresent(project, (p, n) -> n <= 1 ? null : n - 1);
    return true;
  }

  /**
   * Drops a queued build (deleted, or found invalid).
   *
   * @return false when it was not queued
   */
  public synchronized boolean removePending(String buildId) {
    Build b = pendingById.remove(buildId);
    if (b == null) {
      return false;
    }
    pending.remove(b);
    return true;
  }

  /** Forgets everything (leadership lost: the next leader rebuilds the state). */
  public synchronized void clear() {
    pending.clear();
    pendingById.clear();
    runningProjectById.clear();
    runningPerProject.clear();
  }

  public synchronized boolean holdsSlot(String buildId) {
    return runningProjectById.containsKey(buildId);
  }

  public synchronized boolean isQueued(String buildId) {
    return pendingById.containsKey(buildId);
  }

  public synchronized int running() {
    return runningProjectById.size();
  }

  public synchronized int running(String projectId) {
    return runningPerProject.getOrDefault(projectId, 0);
  }

  public synchronized int queued() {
    return pending.size();
  }

  private void take(String buildId, String projectId) {
    runningProjectById.put(buildId, projectId);
    runningPerProject.merge(projectId, 1, Integer::sum);
  }
}
