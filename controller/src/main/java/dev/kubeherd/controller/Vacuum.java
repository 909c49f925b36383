package dev.kubeherd.controller;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.service.PeriodicTask;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes old finished builds through {@link BuildStore#delete}, as {@link VacuumPlan} decides,
 * once ({@link #runOnce}) or on an interval ({@link #start}). Never deletes a build that has not
 * finished, nor one {@link #deleteOnly} holds back (its logs not yet in the S3 archive). Each run
 * logs what it deleted; a failed run is logged and the next one tries again.
 */
public final class Vacuum implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Vacuum.class);

  private final BuildStore builds;
  private final VacuumPolicy policy;
  private final Clock clock;
  private final PeriodicTask timer = new PeriodicTask("vacuum", this::runOnce);
  private volatile Predicate<Build> deletable = b -> true;

  public Vacuum(BuildStore builds, VacuumPolicy policy, Clock clock) {
    this.builds = Objects.requireNonNull(builds, "builds");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * From now on deletes only the builds {@code deletable} accepts (e.g. those whose logs are
   * archived); the others are kept for a later run.
   */
  public void deleteOnly(Predicate<Build> deletable) {
    this.deletable = Objects.requireNonNull(deletable, "deletable");
  }

  /**
   * One pass.
   *
   * @return the IDs of the builds deleted
   */
  public List<String> runOnce() {
    List<Build> planned = VacuumPlan.plan(builds.list(Optional.empty()), policy, clock.instant());
    List<Build> doomed = planned.stream().filter(deletable).toList();
    if (doomed.size() < planned.size()) {
      LOG.info(
          "Vacuum kept {} finished build(s) whose logs are not archived yet; deleted later",
          planned.size() - doomed.size());
    }
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
  public void start(Duration interval) {
    timer.start(interval);
  }

  public void stop() {
    timer.stop();
  }

  @Override
  public void close() {
    stop();
  }
}
