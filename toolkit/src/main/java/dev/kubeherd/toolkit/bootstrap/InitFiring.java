package dev.kubeherd.toolkit.bootstrap;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.toolkit.pipeline.EventFiring;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Fires {@value #EVENT} once per bootstrap namespace, guarded by the {@link InitMarker}: the
 * bootstrap whose claim wins fires and records the build. A recorded build that failed or is gone
 * is fired again. A claim with no build yet is waited for {@code claimTimeout}, counted from when
 * this process first saw it (by its own clock: the claimer's clock may differ); then its bootstrap
 * is taken to have died while firing, and init is fired again. A fire that fails gives the claim
 * up, so the next bootstrap fires instead of waiting for a build that never comes.
 */
public final class InitFiring {
  public static final String EVENT = "init";

  private final EventFiring events;
  private final InitMarker marker;
  private final LongSupplier nanoTime;
  private final Duration claimTimeout;
  private final Duration pollInterval;
  private final PrintWriter progress;

  /**
   * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime}) that times the wait
   *     for a claim without a build
   * @param claimTimeout how long a claim may go without a recorded build before it is abandoned
   * @param pollInterval how often such a claim is checked meanwhile
   */
  public InitFiring(
      EventFiring events,
      InitMarker marker,
      LongSupplier nanoTime,
      Duration claimTimeout,
      Duration pollInterval,
      PrintWriter progress) {
    this.events = events;
    this.marker = marker;
    this.nanoTime = nanoTime;
    this.claimTimeout = claimTimeout;
    this.pollInterval = pollInterval;
    this.progress = progress;
  }

  /** The init build of {@code project}'s namespace: fired now, or the one fired before. */
  public Bootstrap.Outcome fire(Project project) throws InterruptedException {
    String ns = project.namespace();
    Sighting waitingFor = null;
    while (true) {
      InitMarker.Claim claim = marker.claim(ns);
      InitMarker.Holder holder = claim.holder();
      if (claim.ours()) {
        return new Bootstrap.Outcome(fireClaimed(project, holder), true);
      }
      if (holder.recorded()) {
        Optional<Build> fired = live(ns, holder.build());
        if (fired.isPresent()) {
          say("init already fired: build " + holder.build() + " (" + phase(fired.get()) + ")");
          return new Bootstrap.Outcome(fired.get(), false);
        }
        say("the last init build " + holder.build() + " failed or is gone; firing init again");
        marker.release(ns, holder);
        continue;
      }
      if (waitingFor == null || !waitingFor.holder().equals(holder)) {
        // a claim not seen before: its age counts from now, by this process's own clock
        waitingFor = new Sighting(holder, nanoTime.getAsLong());
        say(waitingFor(ns, holder));
      }
      if (nanoTime.getAsLong() - waitingFor.since() >= claimTimeout.toNanos()) {
        say(abandoned(ns, holder));
        marker.release(ns, holder);
      } else {
        Thread.sleep(pollInterval.toMillis());
      }
    }
  }

  /** A claim without a build, and when this process first saw it ({@link System#nanoTime}). */
  private record Sighting(InitMarker.Holder holder, long since) {}

  private Optional<Build> live(String ns, String buildId) {
    return events.builds(ns).find(buildId).filter(b -> b.status().phase() != BuildPhase.FAILED);
  }

  private Build fireClaimed(Project project, InitMarker.Holder ours) {
    String ns = project.namespace();
    Build build;
    try {
      build = events.fire(project, EVENT, "", "", "");
    } catch (RuntimeException e) {
      releaseAfter(ns, ours, e);
      throw e;
    }
    marker.record(ns, ours, build.id());
    say("init fired: build " + build.id() + " in namespace " + ns);
    return build;
  }

  /** Gives up the claim of a fire that failed; a failed release is kept with the failure. */
  private void releaseAfter(String ns, InitMarker.Holder ours, RuntimeException failure) {
    try {
      marker.release(ns, ours);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private String abandoned(String ns, InitMarker.Holder holder) {
    return InitMarker.where(ns)
        + " was claimed"
        + holder.claimedAt().map(t -> " at " + t).orElse("")
        + " but has recorded no init build in the "
        + claimTimeout.toSeconds()
        + "s this bootstrap waited: its bootstrap died while firing; firing init again";
  }

  private String waitingFor(String ns, InitMarker.Holder holder) {
    return "another bootstrap claimed "
        + InitMarker.where(ns)
        + holder.claimedAt().map(t -> " at " + t).orElse("")
        + " and is firing init; waiting for its build (up to "
        + claimTimeout.toSeconds()
        + "s from now, then init is fired again)";
  }

  private void say(String line) {
    progress.println(line);
    progress.flush();
  }

  private static String phase(Build b) {
    return b.status().phase().name().toLowerCase(Locale.ROOT);
  }
}
