package dev.kubeherd.toolkit.tools;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops a process together with every process it started (helmfile's helm, an engine client's
 * helpers): the whole tree is asked to stop (SIGTERM), and what is still alive after a grace period
 * is killed. The descendants are taken before anything is signalled, so that none escapes by being
 * re-parented when its parent ends first.
 */
public final class ProcessTree {
  /** How long a stopped tree may take to exit before it is killed. */
  public static final Duration GRACE = Duration.ofSeconds(5);

  private ProcessTree() {}

  /** Stops {@code root} and its descendants; returns when all have exited or were killed. */
  public static void destroy(ProcessHandle root) {
    List<ProcessHandle> tree = new ArrayList<>();
    tree.add(root);
    root.descendants().forEach(tree::add);
    tree.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + GRACE.toNanos();
    for (ProcessHandle p : tree) {
      awaitExit(p, deadline);
    }
    root.descendants().forEach(tree::add); // started while the tree was being stopped
    for (ProcessHandle p : tree) {
      if (p.isAlive()) {
        p.destroyForcibly();
      }
    }
  }

  private static void awaitExit(ProcessHandle p, long deadline) {
    long left = deadline - System.nanoTime();
    if (left <= 0 || !p.isAlive()) {
      return;
    }
    try {
      p.onExit().get(left, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // killed below
    }
  }
}
