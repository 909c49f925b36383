package dev.kubeherd.worker.metrics;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.JobResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A worker's metrics (names in {@code docs/metrics.md}): how long jobs took by result, and how long
 * builds waited from creation until a worker started them. Thread safe; the registry may be shared
 * with other components (the local server shows gateway and worker metrics together).
 */
public final class WorkerMetrics {
  public static final String JOBS = "kubeherd.worker.jobs";
  public static final String START = "kubeherd.worker.start";

  private final MeterRegistry registry;

  public WorkerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Records nothing. */
  public static WorkerMetrics none() {
    return new WorkerMetrics(new CompositeMeterRegistry());
  }

  /** A job ended with {@code result} after {@code took} (from its start to its end). */
  public void jobEnded(JobResult result, Duration took) {
    Timer.builder(JOBS)
        .description("Job durations, from start to end, by result")
        .tag("result", result.phase().name().toLowerCase(Locale.ROOT))
        .register(registry)
        .record(took);
  }

  /** A worker started {@code build} at {@code now}: records the wait since it was created. */
  public void buildStarted(Build build, Instant now) {
    Duration waited = Duration.between(build.createdAt(), now);
    Timer.builder(START)
        .description("Time from a build's creation until a worker started it")
        .register(registry)
        .record(waited.isNegative() ? Duration.ZERO : waited);
  }
}
