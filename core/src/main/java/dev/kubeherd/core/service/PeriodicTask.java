package dev.kubeherd.core.service;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one pass now and then at a fixed delay on its own daemon thread until stopped; a failing
 * pass is logged and the next one tries again. Used by the controller's vacuum and the resync
 * scheduler.
 */
public final class PeriodicTask implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PeriodicTask.class);

  private final String name;
  private final Runnable pass;
  private ScheduledExecutorService timer; // guarded by this

  /**
   * @param name what runs, for the thread name ({@code kubeherd-NAME}) and messages
   */
  public PeriodicTask(String name, Runnable pass) {
    this.name = name;
    this.pass = pass;
  }

  /** Runs now and then every {@code every} until {@link #stop}; a second start does nothing. */
  public synchronized void start(Duration every) {
    if (every.isZero() || every.isNegative()) {
      throw new IllegalArgumentException(
          "the " + name + " interval must be greater than zero, was " + every);
    }
    if (timer != null) {
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("kubeherd-" + name).daemon().unstarted(r));
    timer.scheduleWithFixedDelay(this::runLogged, 0, every.toMillis(), TimeUnit.MILLISECONDS);
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
      pass.run();
    } catch (RuntimeException e) {
      LOG.warn("The {} pass failed ({}); the next pass tries again", name, e.toString());
    }
  }
}
