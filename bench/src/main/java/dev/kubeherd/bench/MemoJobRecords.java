package dev.kubeherd.bench;

import dev.kubeherd.core.model.JobRecord;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.ForwardingBuildStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * P3 what-if ({@code -Dkubeherd.bench.whatIf=memoJobs}): a {@link BuildStore} decorator that still
 * writes every job record but answers {@link #jobs} from the records saved through it, in memory,
 * instead of reading and parsing every {@code jobs/*.json} file again (kept sorted, so a call is a
 * copy). Same answer, no disk reads: it shows what the worker would gain if it did not re-read a
 * build's job records on every job completion. Not for real use (other processes' writes are not
 * seen).
 */
final class MemoJobRecords extends ForwardingBuildStore {
  private static final Comparator<Key> ORDER =
      Comparator.comparing(Key::startedAt, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(Key::name);
  private final Map<String, Build1> saved = new ConcurrentHashMap<>();

  /** Sort key of the store's order: start time (unstarted last), then name. */
  private record Key(Instant startedAt, String name) {}

  /** One build's records, kept sorted so {@link #jobs} is a copy, not a sort. */
  private static final class Build1 {
    final Map<String, Key> keys = new HashMap<>();
    final NavigableMap<Key, JobRecord> sorted = new TreeMap<>(ORDER);

    synchronized void put(JobRecord job) {
      Key key = new Key(job.startedAt().orElse(null), job.name());
      Key old = keys.put(job.name(), key);
      if (old != null) {
        sorted.remove(old);
      }
      sorted.put(key, job);
    }

    synchronized List<JobRecord> list() {
      return new ArrayList<>(sorted.values());
    }
  }

  MemoJobRecords(BuildStore delegate) {
    super(delegate);
  }

  @Override
  public boolean delete(String buildId) {
    saved.remove(buildId);
    return delegate.delete(buildId);
  }

  @Override
  public void saveJob(JobRecord job) {
    delegate.saveJob(job);
    saved.computeIfAbsent(job.buildId(), id -> new Build1()).put(job);
  }

  @Override
  public List<JobRecord> jobs(String buildId) {
    Build1 b = saved.get(buildId);
    return b == null ? List.of() : b.list();
  }
}
