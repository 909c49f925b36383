package dev.kubeherd.bench;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.JobRecord;
import dev.kubeherd.core.port.BuildStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * P3 what-if ({@code -Dkubeherd.bench.whatIf=memoJobs}): a {@link BuildStore} decorator that still
 * writes every job record but answers {@link #jobs} from the records saved through it, in memory,
 * instead of reading and parsing every {@code jobs/*.json} file again. Same answer, no disk reads:
 * it shows what the worker would gain if it did not re-read a build's job records on every job
 * completion. Not for real use (other processes' writes are not seen).
 */
final class MemoJobRecords implements BuildStore {
  private final BuildStore d;
  private final Map<String, Map<String, JobRecord>> saved = new ConcurrentHashMap<>();

  MemoJobRecords(BuildStore delegate) {
    this.d = delegate;
  }

  @Override
  public Build create(BuildRequest request) {
    return d.create(request);
  }

  @Override
  public Optional<Build> find(String buildId) {
    return d.find(buildId);
  }

  @Override
  public List<Build> list(Optional<String> projectId) {
    return d.list(projectId);
  }

  @Override
  public boolean claim(String buildId, String worker) {
    return d.claim(buildId, worker);
  }

  @Override
  public void updateStatus(String buildId, BuildStatus status) {
    d.updateStatus(buildId, status);
  }

  @Override
  public boolean delete(String buildId) {
    saved.remove(buildId);
    return d.delete(buildId);
  }

  @Override
  public void saveJob(JobRecord job) {
    d.saveJob(job);
    saved.computeIfAbsent(job.buildId(), id -> new ConcurrentHashMap<>()).put(job.name(), job);
  }

  @Override
  public List<JobRecord> jobs(String buildId) {
    List<JobRecord> jobs = new ArrayList<>(saved.getOrDefault(buildId, Map.of()).values());
    jobs.sort(
        Comparator.comparing(
                (JobRecord j) -> j.startedAt().orElse(null),
                Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(JobRecord::name));
    return jobs;
  }
}
