package dev.kubeherd.worker.kube;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.port.WorkerLauncher;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A warm pool's launcher: when a build's worker ends, however it ends (succeeded, failed,
 * cancelled, crashed), the build's directories ({@link PodWorkspaces#release}) are removed before
 * the pool hears of it, so a long-running replica does not fill its ephemeral storage with
 * checkouts.
 */
final class WorkspaceReleasingLauncher implements WorkerLauncher {
  private static final Logger LOG = LoggerFactory.getLogger(WorkspaceReleasingLauncher.class);

  private final WorkerLauncher delegate;
  private final PodWorkspaces workspaces;

  WorkspaceReleasingLauncher(WorkerLauncher delegate, PodWorkspaces workspaces) {
    this.delegate = delegate;
    this.workspaces = workspaces;
  }

  @Override
  public CompletionStage<BuildStatus> launch(Build build) {
    return delegate.launch(build).whenComplete((status, error) -> release(build));
  }

  private void release(Build build) {
    try {
      workspaces.release(build);
    } catch (UncheckedIOException e) {
      LOG.warn("Build {} ended but its directories stay: {}", build.id(), e.getMessage(), e);
    }
  }
}
