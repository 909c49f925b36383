package dev.kubeherd.controller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Reconciles a build again at a deadline of its worker pod (start or run timeout, the end of a
 * start grace), when no pod event may come: at most one pending recheck per build, the earliest
 * asked for, run on the build loop's dispatcher.
 */
final class DeadlineRechecks {
  private final ScheduledExecutorService dispatcher;
  private final Clock clock;
  private final Consumer<String> recheck;

  /** Builds with a recheck scheduled, and when. */
  private final Map<String, Instant> due = new ConcurrentHashMap<>();

  DeadlineRechecks(ScheduledExecutorService dispatcher, Clock clock, Consumer<String> recheck) {
    this.dispatcher = dispatcher;
    this.clock = clock;
    this.recheck = recheck;
  }

  /** Rechecks the build at {@code at}, unless a recheck no later than that is due already. */
  void at(String buildId, Instant at) {
    AtomicBoolean sooner = new AtomicBoolean();
    due.compute(
        buildId,
        (id, scheduled) -> {
          sooner.set(scheduled == null || at.isBefore(scheduled));
          return sooner.get() ? at : scheduled;
        });
    if (!sooner.get()) {
      return;
    }
    long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis()) + 1;
    try {
      dispatcher.schedule(
          () -> {
            due.remove(buildId, at);
            recheck.accept(buildId);
          },
          delay,
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      due.remove(buildId, at); // the loop is closing
    }
  }
}
