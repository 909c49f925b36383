package dev.kubeherd.worker.loop;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The single-threaded loop that owns one build's JavaScript context. Work finishing on other
 * threads (job processes, pod watches, timers) is posted here and runs on the owner thread, which
 * is the only thread that touches the context. The loop is idle when its queue is empty and no
 * asynchronous operation is outstanding.
 */
public final class EventLoop {
  private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
  private final AtomicInteger outstanding = new AtomicInteger();
  private volatile boolean stopped;

  /** Runs {@code task} on the loop thread. Callable from any thread. */
  public void post(Runnable task) {
    queue.add(task);
  }

  /** Marks an asynchronous operation as started; the loop will not go idle until it completes. */
  public void beginAsync() {
    outstanding.incrementAndGet();
  }

  /** Completes an operation begun with {@link #beginAsync()}: runs {@code then} on the loop. */
  public void completeAsync(Runnable then) {
    queue.add(
        () -> {
          outstanding.decrementAndGet();
          then.run();
        });
  }

  /** Ends an operation on the loop thread itself (e.g. a cleared timer). */
  public void abandonAsync() {
    outstanding.decrementAndGet();
  }

  public int outstanding() {
    return outstanding.get();
  }

  /** Makes {@link #runUntilIdle()} return after the current task, whatever is outstanding. */
  public void stop() {
    stopped = true;
    queue.add(() -> {});
  }

  public boolean isStopped() {
    return stopped;
  }

  /**
   * Runs posted tasks on the calling thread until nothing is queued or outstanding, or until
   * stopped. Exceptions from tasks propagate to the caller.
   */
  public void runUntilIdle() throws InterruptedException {
    while (!stopped) {
      Runnable task = queue.poll();
      if (task == null) {
        if (outstanding.get() == 0) {
          return;
        }
        task = queue.take();
      }
      task.run();
    }
  }
}
