package dev.kubeherd.controller;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The controller's metrics (names in {@code docs/metrics.md}): stored builds by phase (from the
 * build feed, corrected by each full listing, so a deleted build drops out at the next resync),
 * queued and running builds, and the dispatch latency from a build's creation until its worker pod
 * is created. Thread safe; the registry may be shared.
 */
public final class ControllerMetrics {
  public static final String BUILDS = "kubeherd.controller.builds";
  public static final String QUEUED = "kubeherd.controller.queue.depth";
  public static final String RUNNING = "kubeherd.controller.running";
  public static final String DISPATCH = "kubeherd.controller.dispatch";

  private final MeterRegistry registry;
  private final Map<String, BuildPhase> phases = new ConcurrentHashMap<>();

  public ControllerMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (BuildPhase phase : BuildPhase.values()) {
      Gauge.builder(BUILDS, phases, p -> count(p, phase))
          .description("Stored builds by phase")
          .tag("phase", phase.name().toLowerCase(Locale.ROOT))
          .register(registry);
    }
  }

  /** Records nothing. */
  public static ControllerMetrics none() {
    return new ControllerMetrics(new CompositeMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Reports the queue's depth and running builds while {@code admission} lives. */
  void watch(AdmissionQueue admission) {
    Gauge.builder(QUEUED, admission, AdmissionQueue::queued)
        .description("Pending builds waiting for an admission slot")
        .strongReference(true)
        .register(registry);
    Gauge.builder(RUNNING, admission, AdmissionQueue::running)
        .description("Builds holding an admission slot (worker pod started, not ended)")
        .strongReference(true)
        .register(registry);
  }

  /** A build as the feed delivered it (new or changed). */
  void seen(Build build) {
    phases.put(build.id(), build.status().phase());
  }

  /** Every stored build, as a full listing found them: builds no longer listed are dropped. */
  void listed(Collection<Build> all) {
    Set<String> ids = all.stream().map(Build::id).collect(Collectors.toSet());
    phases.keySet().retainAll(ids);
    all.forEach(this::seen);
  }

  /** The worker pod of {@code build} was created at {@code now}. */
  void dispatched(Build build, Instant now) {
    Duration took = Duration.between(build.createdAt(), now);
    Timer.builder(DISPATCH)
        .description("Time from a build's creation until its worker pod was created")
        .register(registry)
        .record(took.isNegative() ? Duration.ZERO : took);
  }

  private static double count(Map<String, BuildPhase> phases, BuildPhase phase) {
    return phases.values().stream().filter(phase::equals).count();
  }
}
