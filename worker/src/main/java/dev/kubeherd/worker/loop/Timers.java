package dev.kubeherd.worker.loop;

import java.util.BitSet;
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
  private final Map<Integer, Armed> active = new HashMap<>();
  private final Set<Integer> unreferenced = new HashSet<>();
  private final BitSet cleared = new BitSet();
  private int nextId = 1;

  /** One scheduling of a timer; a firing from an earlier scheduling (before a refresh) is stale. */
  private static final class Armed {
    private ScheduledFuture<?> future;
  }

  public Timers(EventLoop loop) {
    this.loop = loop;
  }

  /** Schedules {@code callback} on the loop thread; call only from the loop thread. */
  public int set(Runnable callback, long delayMillis, boolean repeat) {
    int id = nextId++;
    loop.beginAsync();
    active.put(id, schedule(id, callback, delayMillis, repeat));
    return id;
  }

  /**
   * Node's {@code timer.refresh()}: starts timer {@code id} again with its delay, under the same ID
   * and keeping whether it keeps the loop alive, also once it has fired; a cleared timer stays
   * cleared. Returns whether the timer is now scheduled.
   */
  public boolean refresh(int id, Runnable callback, long delayMillis, boolean repeat) {
    if (id <= 0 || id >= nextId || cleared.get(id)) {
      return false;
    }
    Armed old = active.get(id);
    if (old != null) {
      old.future.cancel(false);
    } else {
      loop.beginAsync();
    }
    active.put(id, schedule(id, callback, delayMillis, repeat));
    return true;
  }

  private Armed schedule(int id, Runnable callback, long delayMillis, boolean repeat) {
    long delay = Math.max(0, delayMillis);
    Armed armed = new Armed();
    Runnable fire = () -> loop.post(() -> fire(id, armed, callback, repeat));
    armed.future =
        repeat
            ? SCHEDULER.scheduleAtFixedRate(fire, delay, Math.max(1, delay), TimeUnit.MILLISECONDS)
            : SCHEDULER.schedule(fire, delay, TimeUnit.MILLISECONDS);
    return armed;
  }

  /**
   * Cancels a timer for good (a later refresh does nothing); unknown or finished IDs are ignored,
   * as in browsers and Node.
   */
  public void clear(int id) {
    if (id > 0 && id < nextId) {
      cleared.set(id);
    }
    Armed armed = active.remove(id);
    if (armed != null) {
      armed.future.cancel(false);
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

  private void fire(int id, Armed armed, Runnable callback, boolean repeat) {
    if (active.get(id) != armed) {
      return;
    }
    if (!repeat) {
      active.remove(id);
      release(id);
    }
    callback.run();
  }
}
