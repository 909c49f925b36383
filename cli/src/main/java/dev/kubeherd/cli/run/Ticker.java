package dev.kubeherd.cli.run;

import java.io.Console;
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
    return isTerminal(System.console()) ? every(Duration.ofMillis(200)) : none();
  }

  /**
   * Java 21 has no console unless both ends are a terminal; from Java 22 the console is there
   * anyway and {@code isTerminal()} (looked up, as the build targets 21) tells.
   */
  private static boolean isTerminal(Console console) {
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
