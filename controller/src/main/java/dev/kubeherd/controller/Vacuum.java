package dev.kubeherd.controller;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.service.PeriodicTask;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes old finished builds through {@link BuildStore#delete}, as {@link VacuumPlan} decides,
 * once ({@link #runOnce}) or on an interval ({@link #start}). Never deletes a build that has not
 * finished, nor one its {@link Hold} keeps (its logs not yet in the S3 archive). Each run logs what
 * it deleted, and at WARN how many builds it kept because archiving them keeps failing; a failed
 * run is logged and the next one tries again.
 */
public final class Vacuum implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Vacuum.class);

  private final BuildStore builds;
  private final VacuumPolicy policy;
  private final Clock clock;
  private final PeriodicTask timer = new PeriodicTask("vacuum", this::runOnce);
  private volatile Hold hold = b -> false;

  /** What the vacuum must keep for now, e.g. finished builds whose logs are not archived yet. */
  @FunctionalInterface
  public interface Hold {
    /** Whether the build must be kept for a later run. */
    boolean keeps(Build build);

    /** Whether a kept build is kept because something keeps failing (counted at WARN). */
    default boolean failing(Build build) {
      return false;
    }

    /** The vacuum deleted the build. */
    default void deleted(String buildId) {}
  }

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
    Objects.requireNonNull(deletable, "deletable");
    hold(b -> !deletable.test(b));
  }

  /** From now on keeps the builds {@code hold} keeps, and tells it which builds it deleted. */
  public void hold(Hold hold) {
    this.hold = Objects.requireNonNull(hold, "hold");
  }

  /**
   * One pass.
   *
   * @return the IDs of the builds deleted
   */
  public List<String> runOnce() {
    List<Build> planned = VacuumPlan.plan(builds.list(Optional.empty()), policy, clock.instant());
    Hold h = hold;
    Map<Boolean, List<Build>> kept = planned.stream().collect(Collectors.partitioningBy(h::keeps));
    List<Build> doomed = kept.get(false);
    logKept(kept.get(true), h);
    List<String> deleted = new ArrayList<>();
    for (Build b : doomed) {
      try {
        if (builds.delete(b.id())) {
          deleted.add(b.id());
          h.deleted(b.id());
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

  private static void logKept(List<Build> kept, Hold h) {
    long failing = kept.stream().filter(h::failing).count();
    if (failing > 0) {
      LOG.warn(
          "Vacuum kept {} finished build(s) because archiving their logs keeps failing; see the"
              + " log archive's warnings, each is released after the archive's maximum hold",
          failing);
    }
    if (kept.size() > failing) {
      LOG.info(
          "Vacuum kept {} finished build(s) whose logs are not archived yet; deleted later",
          kept.size() - failing);
    }
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
