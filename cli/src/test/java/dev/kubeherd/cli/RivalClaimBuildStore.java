package dev.kubeherd.cli;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.JobRecord;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.WorkerLauncher;
import java.util.List;
import java.util.Optional;

/**
 * A build store where another process always wins the claim: before the caller's claim it claims
 * the build as {@code brig-rival} and launches that rival's worker.
 */
final class RivalClaimBuildStore implements BuildStore {
  static final String RIVAL = "brig-rival";
  private final BuildStore delegate;
  private final WorkerLauncher rivalWorker;

  RivalClaimBuildStore(BuildStore delegate, WorkerLauncher rivalWorker) {
    this.delegate = delegate;
    this.rivalWorker = rivalWorker;
  }

  @Override
  public boolean claim(String buildId, String worker) {
    if (delegate.claim(buildId, RIVAL)) {
      rivalWorker.launch(delegate.find(buildId).orElseThrow());
    }
    return delegate.claim(buildId, worker);
  }

  @Override
  public Build create(BuildRequest request) {
    return delegate.create(request);
  }

  @Override
  public Optional<Build> find(String buildId) {
    return delegate.find(buildId);
  }

  @Override
  public List<Build> list(Optional<String> projectId) {
    return delegate.list(projectId);
  }

  @Override
  public void updateStatus(String buildId, BuildStatus status) {
    delegate.updateStatus(buildId, status);
  }

  @Override
  public BuildStatus updateStatus(
      String buildId, java.util.function.UnaryOperator<BuildStatus> change) {
    return delegate.updateStatus(buildId, change);
  }

  @Override
  public boolean delete(String buildId) {
    return delegate.delete(buildId);
  }

  @Override
  public void saveJob(JobRecord job) {
    delegate.saveJob(job);
  }

  @Override
  public List<JobRecord> jobs(String buildId) {
    return delegate.jobs(buildId);
  }
}
