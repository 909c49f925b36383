package dev.kubeherd.core.port;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.JobRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A {@link BuildStore} that hands every call to another one; extend it and override only the calls
 * to change (a store that fails on purpose, one that counts or records, a test's race). It scans
 * for damage ({@link DamageScan}) as its delegate does, if the delegate can.
 */
public abstract class ForwardingBuildStore implements BuildStore, DamageScan {
  protected final BuildStore delegate;

  protected ForwardingBuildStore(BuildStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public Build create(BuildRequest request) {
    return delegate.create(request);
  }

  @Override
  public Optional<Build> find(String buildId) {
    return delegate.find(buildId);
  }

  /** The delegate's unreadable builds; none when it cannot tell. */
  @Override
  public List<UnreadableEntry> unreadable() {
    return delegate instanceof DamageScan scan ? scan.unreadable() : List.of();
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
  public boolean failUnlessEnded(String buildId, int exitCode, Instant at, String message) {
    return delegate.failUnlessEnded(buildId, exitCode, at, message);
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
