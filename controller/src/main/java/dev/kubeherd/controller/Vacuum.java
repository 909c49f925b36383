package dev.kubeherd.controller;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.port.BuildStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes old finished builds through {@link BuildStore#delete}, as {@link VacuumPlan} decides,
 * once ({@link #runOnce}) or on an interval ({@link #start}). Never deletes a build that has not
 * finished. Each run logs what it deleted; a failed run is logged and the next one tries again.
 */
public final class Vacuum implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Vacuum.class);

  private final BuildStore builds;
  private final VacuumPolicy policy;
  private final Clock clock;
  private ScheduledExecutorService timer;

  public Vacuum(BuildStore builds, VacuumPolicy policy, Clock clock) {
    this.builds = Objects.requireNonNull(builds, "builds");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * One pass.
   *
   * @return the IDs of the builds deleted
   */
  public List<String> runOnce() {
    List<Build> doomed = VacuumPlan.plan(builds.list(Optional.empty()), policy, clock.instant());
    List<String> deleted = new ArrayList<>();
    for (Build b : doomed) {
      try {
        if (builds.delete(b.id())) {
          deleted.add(b.id());
          LOG.info(
              "Vacuum deleted build {} of project {} ({}, created {})",
              b.id(),
              b.projectId(),
              b.status().phase().display(),
              b.createdAt());
        }
      } catch (RuntimeException e) {
        LOG.warn(
            "Vacuum could not delete build {} of project {}: {}",
            b.id(),
            b.projectId(),
            e.toString());
      }
    }
    LOG.info("Vacuum run done: {} build(s) deleted", deleted.size());
    return deleted;
  }

  /** Runs now and then every {@code interval} until {@link #stop}. */
  public synchronized void start(Duration interval) {
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException(
          "the vacuum interval must be greater than zero, was " + interval);
    }
    if (timer != null) {
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("kubeherd-vacuum").daemon().unstarted(r));
    timer.scheduleWithFixedDelay(this::runLogged, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void runLogged() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      LOG.warn("Vacuum run failed ({}); the next run tries again", e.toString());
    }
  }
}
