package dev.kubeherd.worker.kube;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.WorkerMode;
import dev.kubeherd.core.port.BuildFeed;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.ProjectStore;
import dev.kubeherd.core.port.WorkerLauncher;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A warm worker (beyond Brigade v1): a long-running process that takes pending builds of projects
 * in {@link WorkerMode#POOL} straight from the build feed, claims each (exactly once, however many
 * pool replicas race) and runs it in this process — a fresh script context per build on the shared
 * engine, jobs as pods — so an event reaches its first job without a worker pod start. At most
 * {@code capacity} builds run at once; the rest wait here in arrival order. The controller leaves
 * these builds alone.
 */
public final class WorkerPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

  private final BuildFeed feed;
  private final BuildStore builds;
  private final ProjectStore projects;
  private final WorkerLauncher launcher;
  private final WorkerMode defaultMode;
  private final int capacity;
  private final String name;
  private final ExecutorService dispatcher;
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
        launched = builds.claim(next.id(), name) && run(next);
      } catch (RuntimeException e) {
        LOG.warn(
            "Build {}: pool worker {} could not claim and start it (it stays pending for the"
                + " next replica or feed event): {}",
            next.id(),
            name,
            e.toString());
      } finally {
        if (!launched) {
          slotEnded(); // the slot goes back however claim/find/launch failed or was interrupted
        }
      }
    }
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
