package dev.kubeherd.worker.run;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.port.BuildStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices that a running build was ended from outside ({@code brig build cancel}, or deleted) by
 * re-reading its status every {@code interval}, and then calls {@code onCancel} once with the
 * reason. Store errors while looking are logged and retried at the next tick.
 */
final class CancelWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CancelWatch.class);

  private final ScheduledExecutorService timer;
  private final AtomicBoolean fired = new AtomicBoolean();

  private CancelWatch(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  static CancelWatch start(
      BuildStore builds, String buildId, Duration interval, Consumer<String> onCancel) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "cancel-watch-" + buildId);
              t.setDaemon(true);
              return t;
            });
    CancelWatch watch = new CancelWatch(timer);
    long ms = interval.toMillis();
    timer.scheduleWithFixedDelay(
        () -> watch.check(builds, buildId, onCancel), ms, ms, TimeUnit.MILLISECONDS);
    return watch;
  }

  private void check(BuildStore builds, String buildId, Consumer<String> onCancel) {
    Optional<Build> build;
    try {
      build = builds.find(buildId);
    } catch (RuntimeException e) {
      LOG.debug("build {}: could not re-read the status: {}", buildId, e.toString());
      return;
    }
    Optional<String> reason =
        build.isEmpty()
            ? Optional.of("the build was deleted")
            : build.get().status().phase().isTerminal()
                ? Optional.of(build.get().status().message())
                : Optional.empty();
    if (reason.isPresent() && fired.compareAndSet(false, true)) {
      onCancel.accept(reason.get().isEmpty() ? "ended from outside" : reason.get());
      timer.shutdown();
    }
  }

  boolean fired() {
    return fired.get();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
