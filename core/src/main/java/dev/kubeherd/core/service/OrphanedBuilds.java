package dev.kubeherd.core.service;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.OrphanedJobs;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends Running builds whose local claimant died without ending them ({@code kill -9}, out of
 * memory, power loss): a local server ({@code kubeherd-serve-<pid>-<ticks>-<pidns>}) or {@code brig
 * run --local} ({@code brig-<pid>-<ticks>-<pidns>}), where {@code <ticks>} is the claimant's start
 * time in clock ticks since boot ({@link ProcessStartTicks}) and {@code <pidns>} the inode of its
 * pid namespace ({@link PidNamespace}). Nothing else would ever end them, so anyone following them
 * would wait for good. Each is failed (exit code 1) with a message saying to run it again, and the
 * jobs its claimant left running (local jobs lead process groups of their own) are stopped through
 * {@link OrphanedJobs}.
 *
 * <p>A claimant is judged only when its pid namespace is this process's own: a {@code brig run
 * --local} in a container sharing {@code KUBEHERD_HOME} has pids of its own (often pid 1) that say
 * nothing about the processes here, so its builds are never failed here. In this namespace a
 * claimant counts as gone when no process has its pid, or when the process with its pid started at
 * other ticks (the pid was reused). Start ticks do not move when the wall clock is stepped, unlike
 * the JDK's start instants, which are derived from a boot time read once. Names without ticks and
 * namespace ({@code kubeherd-serve-<pid>}, {@code brig-<pid>}: claimed by an older version, or
 * where {@code /proc} cannot be read) are judged by pid alone, so a process that reuses such a
 * claimant's pid keeps its builds Running until that process ends, and one claimed in another
 * namespace is failed when its pid is not alive here. Where this process cannot read its own
 * namespace, no name with a namespace is judged. The initial pid namespace has the same inode on
 * every host, so a {@code KUBEHERD_HOME} shared with another host must still not be served this
 * way. Claimants with other names (controllers, Kubernetes workers, the unreleased {@code
 * <kind>-<pid>-<ticks>}) are never judged here.
 */
public final class OrphanedBuilds {
  private static final Logger LOG = LoggerFactory.getLogger(OrphanedBuilds.class);
  private static final Pattern LOCAL_CLAIMANT =
      Pattern.compile(
          "(?:kubeherd-serve|brig)-([1-9][0-9]{0,17})(?:-([0-9]{1,18})-([1-9][0-9]{0,17}))?");

  private final BuildStore builds;
  private final Clock clock;
  private final OrphanedJobs jobs;

  /** Fails orphaned builds without stopping jobs: for backends whose jobs cannot outlive it. */
  public OrphanedBuilds(BuildStore builds, Clock clock) {
    this(builds, clock, OrphanedJobs.NONE);
  }

  /**
   * @param jobs stops the jobs a dead claimant left running, once its build is failed
   */
  public OrphanedBuilds(BuildStore builds, Clock clock, OrphanedJobs jobs) {
    this.builds = builds;
    this.clock = clock;
    this.jobs = jobs;
  }

  /**
   * Fails every Running build whose local claimant process is gone and stops the jobs it left
   * running; returns their IDs.
   */
  public Set<String> failThoseOfDeadClaimants() {
    Set<String> ended = new LinkedHashSet<>();
    for (Build build : builds.list(Optional.empty())) {
      BuildStatus status = build.status();
      if (status.phase() == BuildPhase.RUNNING
          && gone(status.worker())
          && fail(build.id(), status.worker())) {
        ended.add(build.id());
        jobs.stopJobsOf(build.id());
      }
    }
    return ended;
  }

  /** The status message of a build whose claimant died. */
  static String message(String claimant, String buildId) {
    return "claimed by "
        + claimant
        + ", which stopped without finishing it (its process is gone); run it again with brig"
        + " rerun "
        + buildId;
  }

  /**
   * The name this process claims local builds under: {@code <kind>-<pid>-<ticks>-<pidns>}, or
   * {@code <kind>-<pid>} where its start ticks or pid namespace cannot be read.
   *
   * @param kind {@code kubeherd-serve} or {@code brig}, the only kinds judged here
   */
  public static String localClaimant(String kind) {
    String name = kind + "-" + ProcessHandle.current().pid();
    OptionalLong ticks = ProcessStartTicks.ofThisProcess();
    OptionalLong namespace = PidNamespace.ofThisProcess();
    return ticks.isPresent() && namespace.isPresent()
        ? name + "-" + ticks.getAsLong() + "-" + namespace.getAsLong()
        : name;
  }

  /** Whether {@code worker} names a local claimant whose process is gone (see the class notes). */
  static boolean gone(String worker) {
    Matcher m = LOCAL_CLAIMANT.matcher(worker);
    if (!m.matches()) {
      return false;
    }
    long pid = Long.parseLong(m.group(1));
    if (m.group(3) != null && !inThisNamespace(Long.parseLong(m.group(3)))) {
      return false;
    }
    if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
      return true;
    }
    if (m.group(2) == null) {
      return false;
    }
    OptionalLong ticks = ProcessStartTicks.of(pid);
    return ticks.isPresent() && ticks.getAsLong() != Long.parseLong(m.group(2));
  }

  private static boolean inThisNamespace(long namespace) {
    OptionalLong ours = PidNamespace.ofThisProcess();
    return ours.isPresent() && ours.getAsLong() == namespace;
  }

  private boolean fail(String buildId, String claimant) {
    try {
      BuildStatus after =
          builds.updateStatus(
              buildId,
              s ->
                  s.phase() == BuildPhase.RUNNING && s.worker().equals(claimant)
                      ? s.finished(false, 1, clock.instant(), message(claimant, buildId))
                      : s);
      return after.phase() == BuildPhase.FAILED
          && after.message().equals(message(claimant, buildId));
    } catch (RuntimeException e) {
      LOG.warn("build {} of dead claimant {} not ended: {}", buildId, claimant, e.toString());
      return false;
    }
  }
}
