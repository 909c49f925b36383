package dev.kubeherd.gateway;

import dev.kubeherd.core.StoreUnavailableException;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.JobRecord;
import dev.kubeherd.core.port.BuildStore;
import java.util.List;
import java.util.Optional;

/**
 * A real build store that can be switched "down": then {@link #create} fails as an unreachable API
 * server does, with {@link StoreUnavailableException}, and stores nothing.
 */
public final class SwitchableBuildStore implements BuildStore {
  private final BuildStore delegate;
  private volatile boolean down;

  public SwitchableBuildStore(BuildStore delegate) {
    this.delegate = delegate;
  }

  public void down(boolean isDown) {
    this.down = isDown;
  }

  @Override
  public Build create(BuildRequest request) {
    if (down) {
      throw new StoreUnavailableException(
          "create build: the API server does not answer (connection refused)");
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
