package dev.kubeherd.worker.loop;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code setTimeout}/{@code setInterval} for one event loop: a shared daemon scheduler fires, the
 * callback runs on the loop thread. An active timer keeps the loop from going idle unless it was
 * unreferenced (Node's {@code timer.unref()}).
 */
public final class Timers {
  private static final ScheduledExecutorService SCHEDULER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "kubeherd-timers");
            t.setDaemon(true);
            return t;
          });

  private final EventLoop loop;
  private final Map<Integer, ScheduledFuture<?>> active = new HashMap<>();
  private final Set<Integer> unreferenced = new HashSet<>();
  private int nextId = 1;

  public Timers(EventLoop loop) {
    this.loop = loop;
  }

  /** Schedules {@code callback} on the loop thread; call only from the loop thread. */
  public int set(Runnable callback, long delayMillis, boolean repeat) {
    int id = nextId++;
    long delay = Math.max(0, delayMillis);
    loop.beginAsync();
    Runnable fire = () -> loop.post(() -> fire(id, callback, repeat));
    ScheduledFuture<?> f =
        repeat
            ? SCHEDULER.scheduleAtFixedRate(fire, delay, Math.max(1, delay), TimeUnit.MILLISECONDS)
            : SCHEDULER.schedule(fire, delay, TimeUnit.MILLISECONDS);
    active.put(id, f);
    return id;
  }

  /** Cancels a timer; unknown or finished IDs are ignored, as in browsers and Node. */
  public void clear(int id) {
    ScheduledFuture<?> f = active.remove(id);
    if (f != null) {
      f.cancel(false);
      release(id);
    }
  }

  /**
   * Whether an active timer keeps the loop from going idle (Node's {@code ref()}/{@code unref()});
   * unknown or finished IDs are ignored.
   */
  public void keepsLoopAlive(int id, boolean keepAlive) {
    if (!active.containsKey(id)) {
      return;
    }
    if (keepAlive && unreferenced.remove(id)) {
      loop.beginAsync();
    } else if (!keepAlive && unreferenced.add(id)) {
      loop.abandonAsync();
    }
  }

  /** An active timer ends: the loop no longer waits for it, if it did. */
  private void release(int id) {
    if (!unreferenced.remove(id)) {
      loop.abandonAsync();
    }
  }

  /** Cancels every timer (used when a build is torn down). */
  public void clearAll() {
    for (Integer id : active.keySet().toArray(Integer[]::new)) {
      clear(id);
    }
  }

  private void fire(int id, Runnable callback, boolean repeat) {
    if (!active.containsKey(id)) {
      return;
    }
    if (!repeat) {
      active.remove(id);
      release(id);
    }
    callback.run();
  }
}
