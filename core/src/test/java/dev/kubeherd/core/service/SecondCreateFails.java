package dev.kubeherd.core.service;

import dev.kubeherd.core.StoreUnavailableException;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.JobRecord;
import dev.kubeherd.core.port.BuildStore;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The directory store, except that every second create fails as an unreachable store does. */
final class SecondCreateFails implements BuildStore {
  private final BuildStore delegate;
  private int creates;

  SecondCreateFails(BuildStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public Build create(BuildRequest request) {
    if (++creates % 2 == 0) {
      throw new StoreUnavailableException("create build: the store does not answer");
    }
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
  public boolean claim(String buildId, String worker) {
    return delegate.claim(buildId, worker);
  }

  @Override
  public void updateStatus(String buildId, BuildStatus status) {
    delegate.updateStatus(buildId, status);
  }

  @Override
  public BuildStatus updateStatus(String buildId, UnaryOperator<BuildStatus> change) {
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
