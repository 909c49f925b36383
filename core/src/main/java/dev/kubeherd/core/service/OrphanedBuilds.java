package dev.kubeherd.core.service;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.port.BuildStore;
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
 * memory, power loss): a local server ({@code kubeherd-serve-<pid>}) or {@code brig run --local}
 * ({@code brig-<pid>}). Nothing else would ever end them, so anyone following them would wait for
 * good. Each is failed (exit code 1) with a message saying to run it again.
 *
 * <p>A claimant counts as gone only when no process has its pid. Start times are not compared: the
 * JDK derives them from a boot time read once, so after the wall clock is stepped back every new
 * process would seem to have started after its claim, and live builds would be failed. Limits: a
 * process that reuses a dead claimant's pid keeps its builds Running until that process ends; and
 * claimants are looked for on this host only, in this pid namespace, so a {@code KUBEHERD_HOME}
 * shared with another host or container must not be served this way. Claimants with other names
 * (controllers, Kubernetes workers) are never judged here.
 */
public final class OrphanedBuilds {
  private static final Logger LOG = LoggerFactory.getLogger(OrphanedBuilds.class);
  private static final Pattern LOCAL_CLAIMANT =
      Pattern.compile("(?:kubeherd-serve|brig)-([1-9][0-9]{0,17})");

  private final BuildStore builds;
  private final Clock clock;

  public OrphanedBuilds(BuildStore builds, Clock clock) {
    this.builds = builds;
    this.clock = clock;
  }

  /** Fails every Running build whose local claimant process is gone; returns their IDs. */
  public Set<String> failThoseOfDeadClaimants() {
    Set<String> ended = new LinkedHashSet<>();
    for (Build build : builds.list(Optional.empty())) {
      BuildStatus status = build.status();
      OptionalLong pid = localPid(status.worker());
      if (status.phase() == BuildPhase.RUNNING
          && pid.isPresent()
          && !alive(pid.getAsLong())
          && fail(build.id(), status.worker())) {
        ended.add(build.id());
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

  /** The pid in a local claimant's name, if it is one. */
  static OptionalLong localPid(String worker) {
    Matcher m = LOCAL_CLAIMANT.matcher(worker);
    return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }

  /** Whether a process with {@code pid} runs (whichever process it is: see the class notes). */
  static boolean alive(long pid) {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent();
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
