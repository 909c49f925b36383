package dev.kubeherd.toolkit.bootstrap;

/**
 * Runs work while holding leadership among every process bootstrapping the same cluster (the CLI
 * backs it with a Kubernetes Lease). A second holder waits until the first lets go, so bootstraps
 * run one after the other and each sees what the previous one did.
 */
@FunctionalInterface
public interface LeaderLock {
  /**
   * Waits to become the leader, runs {@code work}, then gives leadership up.
   *
   * @throws dev.kubeherd.toolkit.ToolkitException when leadership is not won in time
   */
  void runLeading(Work work) throws InterruptedException;

  /** What runs while leading; it may wait. */
  @FunctionalInterface
  interface Work {
    void run() throws InterruptedException;
  }
}
