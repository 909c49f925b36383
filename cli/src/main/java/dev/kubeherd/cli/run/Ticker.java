package dev.kubeherd.cli.run;

import dev.kubeherd.cli.StdoutTerminal;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Calls a task again and again until the returned handle is closed; tests drive it by hand. */
@FunctionalInterface
interface Ticker {
  /** Starts calling {@code tick}; closing the handle stops it. */
  Handle start(Runnable tick);

  /** A running ticker. */
  interface Handle extends AutoCloseable {
    @Override
    void close();
  }

  /** Never ticks: for output that is not a terminal, where a redrawn line would only be noise. */
  static Ticker none() {
    return tick -> () -> {};
  }

  /** Ticks every {@code period} on a daemon thread. */
  static Ticker every(Duration period) {
    return tick -> {
      ScheduledExecutorService timer =
          Executors.newSingleThreadScheduledExecutor(
              r -> Thread.ofPlatform().daemon().name("brig-spinner").unstarted(r));
      timer.scheduleAtFixedRate(tick, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
      return timer::shutdownNow;
    };
  }

  /** {@link #every} 200 ms when standard output is a terminal, else {@link #none}. */
  static Ticker onTerminal() {
    return new StdoutTerminal().getAsBoolean() ? every(Duration.ofMillis(200)) : none();
  }
}
