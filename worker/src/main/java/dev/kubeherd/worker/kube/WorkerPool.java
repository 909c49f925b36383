package dev.kubeherd.worker.kube;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.WorkerMode;
import dev.kubeherd.core.port.BuildFeed;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.ProjectStore;
import dev.kubeherd.core.port.WorkerLauncher;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A warm worker (beyond Brigade v1): a long-running process that takes pending builds of projects
 * in {@link WorkerMode#POOL} straight from the build feed, claims each (exactly once, however many
 * pool replicas race) and runs it in this process — a fresh script context per build on the shared
 * engine, jobs as pods — so an event reaches its first job without a worker pod start. At most
 * {@code capacity} builds run at once; the rest wait here in arrival order. The controller leaves
 * these builds alone. A build whose claim fails (an API outage) is tried again, after {@link
 * #FIRST_CLAIM_RETRY} doubling up to {@link #MAX_CLAIM_RETRY}, for as long as the pool is open and
 * a fresh read shows it still pending and unclaimed (the feed need not deliver it again).
 */
public final class WorkerPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

  /** How long after a failed claim the build is tried again; doubled after each failure. */
  static final Duration FIRST_CLAIM_RETRY = Duration.ofSeconds(1);

  /** The longest wait between two claim attempts of a build. */
  static final Duration MAX_CLAIM_RETRY = Duration.ofSeconds(30);

  private final BuildFeed feed;
  private final BuildStore builds;
  private final ProjectStore projects;
  private final WorkerLauncher launcher;
  private final WorkerMode defaultMode;
  private final int capacity;
  private final String name;
  private final ExecutorService dispatcher;
  private final ScheduledExecutorService claimRetries;
  private final Map<String, Duration> nextClaimRetry = new ConcurrentHashMap<>();
  private final Deque<Build> waiting = new ArrayDeque<>();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger started = new AtomicInteger();
  private BuildFeed.Subscription subscription;
  private final java.util.List<AutoCloseable> resources = new java.util.ArrayList<>();
  private final java.util.List<AutoCloseable> afterBuilds = new java.util.ArrayList<>();
  private final Object slots = new Object();
  private boolean closed; // guarded by slots

  /**
   * @param name how this replica claims builds (their status shows it as {@code pool/<name>})
   */
  public WorkerPool(
      BuildFeed feed,
      BuildStore builds,
      ProjectStore projects,
      WorkerLauncher launcher,
      WorkerMode defaultMode,
      int capacity,
      String name) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a worker pool needs a capacity of at least 1 build");
    }
    this.feed = feed;
    this.builds = builds;
    this.projects = projects;
    this.launcher = launcher;
    this.defaultMode = defaultMode;
    this.capacity = capacity;
    this.name = "pool/" + name;
    this.dispatcher =
        Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("worker-pool-dispatch").daemon().unstarted(r));
    this.claimRetries =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("worker-pool-claim-retry").daemon().unstarted(r));
  }

  /** Closed with the pool, after the feed (e.g. the log store whose sinks must be flushed). */
  public WorkerPool closing(AutoCloseable resource) {
    resources.add(resource);
    return this;
  }

  /**
   * Closed once the pool is closed and every build it was running then has ended (e.g. the hold on
   * the scratch directory, so no process starting on it meanwhile removes a running build's
   * checkout).
   */
  public WorkerPool closingAfterBuilds(AutoCloseable resource) {
    afterBuilds.add(resource);
    return this;
  }

  /** Subscribes to the feed; existing pending builds are taken first. */
  public synchronized WorkerPool start() {
    LOG.info("Worker pool {} taking pool-mode builds, {} at a time", name, capacity);
    subscription =
        feed.subscribe(
            new BuildFeed.Listener() {
              @Override
              public void build(Build build) {
                if (build.status().phase() == BuildPhase.PENDING
                    && build.status().worker().isEmpty()) {
                  dispatcher.execute(() -> offer(build));
                }
              }

              @Override
              public void invalid(BuildFeed.InvalidBuild invalid) {
                // the controller fails unreadable builds
              }
            });
    return this;
  }

  /** Builds this replica has started so far. */
  public int started() {
    return started.get();
  }

  public int running() {
    return running.get();
  }

  private void offer(Build build) {
    if (!isPoolBuild(build)) {
      return;
    }
    waiting.addLast(build);
    drain();
  }

  private void drain() {
    while (!waiting.isEmpty() && takeSlot()) {
      Build next = waiting.pollFirst();
      boolean launched = false;
      try {
        launched = claim(next) && run(next);
      } catch (RuntimeException e) {
        LOG.warn(
            "Build {}: pool worker {} claimed it but could not start it: {}", next.id(), name, e);
      } finally {
        if (!launched) {
          slotEnded(); // the slot goes back however claim/find/launch failed or was interrupted
        }
      }
    }
  }

  /**
   * Whether this replica claimed the build; {@code false} when another did or the claim failed (a
   * failed one is tried again later).
   */
  private boolean claim(Build build) {
    try {
      boolean claimed = builds.claim(build.id(), name);
      nextClaimRetry.remove(build.id());
      return claimed;
    } catch (RuntimeException e) {
      Duration delay = nextClaimRetry.getOrDefault(build.id(), FIRST_CLAIM_RETRY);
      LOG.warn(
          "Build {}: pool worker {} could not claim it ({}); tried again in {} if it is still"
              + " pending and unclaimed then",
          build.id(),
          name,
          e.toString(),
          delay);
      retryClaimLater(build.id(), delay);
      return false;
    }
  }

  /** Schedules another claim of the build, waiting twice as long after the next failure. */
  private void retryClaimLater(String buildId, Duration delay) {
    Duration after = delay.multipliedBy(2);
    nextClaimRetry.put(buildId, after.compareTo(MAX_CLAIM_RETRY) > 0 ? MAX_CLAIM_RETRY : after);
    try {
      claimRetries.schedule(
          () -> dispatcher.execute(() -> retryClaim(buildId, delay)),
          delay.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      nextClaimRetry.remove(buildId); // the pool is closed: nothing more is taken
    }
  }

  /** Offers the build again if a fresh read shows it still pending and unclaimed. */
  private void retryClaim(String buildId, Duration lastDelay) {
    Optional<Build> now;
    try {
      now = builds.find(buildId);
    } catch (RuntimeException e) {
      LOG.warn("Build {}: not readable to retry its claim: {}", buildId, e.toString());
      retryClaimLater(buildId, nextClaimRetry.getOrDefault(buildId, lastDelay));
      return;
    }
    if (now.isEmpty()
        || now.get().status().phase() != BuildPhase.PENDING
        || !now.get().status().worker().isEmpty()) {
      nextClaimRetry.remove(buildId); // gone, or taken meanwhile
      return;
    }
    waiting.addLast(now.get());
    drain();
  }

  /** Counts a build as running unless the pool is closed or full. */
  private boolean takeSlot() {
    synchronized (slots) {
      if (closed || running.get() >= capacity) {
        return false;
      }
      running.incrementAndGet();
      return true;
    }
  }

  /** Ends a build's count; the last one to end after the pool closed closes what waited for it. */
  private void slotEnded() {
    boolean last;
    synchronized (slots) {
      last = running.decrementAndGet() == 0 && closed;
    }
    if (last) {
      closeAll(afterBuilds);
    }
  }

  private boolean isPoolBuild(Build build) {
    try {
      Optional<Project> project = projects.find(build.projectId());
      return project.isPresent() && WorkerMode.of(project.get(), defaultMode) == WorkerMode.POOL;
    } catch (RuntimeException e) {
      LOG.warn(
          "Build {}: could not read project {}: {}", build.id(), build.projectId(), e.toString());
      return false;
    }
  }

  /**
   * Launches a claimed build; once this returns {@code true} the launched run owns the slot and
   * returns it when the build ends.
   */
  private boolean run(Build build) {
    Build claimed = reread(build);
    LOG.info("Build {} of project {} runs in pool worker {}", build.id(), build.projectId(), name);
    started.incrementAndGet();
    launcher
        .launch(claimed)
        .whenComplete(
            (status, error) -> {
              if (error != null) {
                LOG.error("Build {} crashed its pool worker thread", build.id(), error);
              }
              slotEnded();
              try {
                dispatcher.execute(this::drain);
              } catch (RejectedExecutionException closing) {
                // the pool is closed: nothing more is taken
              }
            });
    return true;
  }

  /** The claimed build as stored now, or as the feed delivered it if it cannot be read. */
  private Build reread(Build build) {
    try {
      return builds.find(build.id()).orElse(build);
    } catch (RuntimeException e) {
      LOG.warn(
          "Build {}: re-reading it after its claim failed, running it as delivered: {}",
          build.id(),
          e.toString());
      return build;
    }
  }

  @Override
  public synchronized void close() {
    if (subscription != null) {
      subscription.close();
    }
    claimRetries.shutdownNow();
    dispatcher.shutdownNow();
    boolean idle;
    synchronized (slots) {
      closed = true;
      idle = running.get() == 0;
    }
    closeAll(resources);
    if (idle) {
      closeAll(afterBuilds);
    } else {
      LOG.info("Worker pool {}: {} released once its running builds have ended", name, afterBuilds);
    }
  }

  private void closeAll(java.util.List<AutoCloseable> toClose) {
    for (AutoCloseable r : toClose) {
      try {
        r.close();
      } catch (Exception e) {
        LOG.warn("Worker pool {}: closing {} failed: {}", name, r, e.toString());
      }
    }
  }
}
