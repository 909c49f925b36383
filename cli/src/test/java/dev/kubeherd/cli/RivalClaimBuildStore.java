package dev.kubeherd.cli;

import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.ForwardingBuildStore;
import dev.kubeherd.core.port.WorkerLauncher;

/**
 * A build store where another process always wins the claim: before the caller's claim it claims
 * the build as {@code brig-rival} and launches that rival's worker.
 */
final class RivalClaimBuildStore extends ForwardingBuildStore {
  static final String RIVAL = "brig-rival";
  private final WorkerLauncher rivalWorker;

  RivalClaimBuildStore(BuildStore delegate, WorkerLauncher rivalWorker) {
    super(delegate);
    this.rivalWorker = rivalWorker;
  }

  @Override
  public boolean claim(String buildId, String worker) {
    if (delegate.claim(buildId, RIVAL)) {
      rivalWorker.launch(delegate.find(buildId).orElseThrow());
    }
    return delegate.claim(buildId, worker);
  }
}
