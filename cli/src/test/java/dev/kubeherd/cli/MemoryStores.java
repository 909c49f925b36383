package dev.kubeherd.cli;

import dev.kubeherd.core.ProjectExistsException;
import dev.kubeherd.core.ProjectNotFoundException;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.JobRecord;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.Ulid;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.LogSink;
import dev.kubeherd.core.port.LogStore;
import dev.kubeherd.core.port.ProjectStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Temporary in-memory stores until the directory stores land on main. */
final class MemoryStores {
  private MemoryStores() {}

  static final class Projects implements ProjectStore {
    private final Map<String, Project> byId = new TreeMap<>();

    @Override
    public synchronized Optional<Project> find(String nameOrId) {
      return Optional.ofNullable(byId.get(ProjectIds.fromName(nameOrId)));
    }

    @Override
    public synchronized List<Project> list() {
      return List.copyOf(byId.values());
    }

    @Override
    public synchronized void create(Project project) {
      if (byId.putIfAbsent(project.id(), project) != null) {
        throw new ProjectExistsException(project.id());
      }
    }

    @Override
    public synchronized void replace(Project project) {
      if (byId.replace(project.id(), project) == null) {
        throw new ProjectNotFoundException(project.id());
      }
    }

    @Override
    public synchronized boolean delete(String id) {
      return byId.remove(id) != null;
    }
  }

  static final class Builds implements BuildStore {
    private final Map<String, Build> byId = new LinkedHashMap<>();
    private final Map<String, List<JobRecord>> jobs = new LinkedHashMap<>();
    private final Ulid ulid;
    private final Clock clock;

    Builds(Clock clock) {
      this.clock = clock;
      this.ulid = new Ulid(clock);
    }

    @Override
    public synchronized Build create(BuildRequest request) {
      Build b = new Build(ulid.next(), request, clock.instant(), BuildStatus.pending());
      byId.put(b.id(), b);
      return b;
    }

    @Override
    public synchronized Optional<Build> find(String buildId) {
      return Optional.ofNullable(byId.get(buildId));
    }

    @Override
    public synchronized List<Build> list(Optional<String> projectId) {
      List<Build> out = new ArrayList<>();
      for (Build b : byId.values()) {
        if (projectId.isEmpty() || projectId.get().equals(b.projectId())) {
          out.add(b);
        }
      }
      out.sort(Comparator.comparing(Build::id).reversed());
      return out;
    }

    @Override
    public synchronized boolean claim(String buildId, String worker) {
      Build b = byId.get(buildId);
      if (b == null || b.status().phase() != BuildPhase.PENDING) {
        return false;
      }
      byId.put(buildId, b.withStatus(b.status().running(worker, clock.instant())));
      return true;
    }

    @Override
    public synchronized void updateStatus(String buildId, BuildStatus status) {
      byId.computeIfPresent(buildId, (k, b) -> b.withStatus(status));
    }

    @Override
    public synchronized boolean delete(String buildId) {
      jobs.remove(buildId);
      return byId.remove(buildId) != null;
    }

    @Override
    public synchronized void saveJob(JobRecord job) {
      jobs.computeIfAbsent(job.buildId(), k -> new ArrayList<>()).add(job);
    }

    @Override
    public synchronized List<JobRecord> jobs(String buildId) {
      return List.copyOf(jobs.getOrDefault(buildId, List.of()));
    }
  }

  static final class Logs implements LogStore {
    private final Map<String, Map<String, StringBuffer>> logs = new ConcurrentHashMap<>();

    @Override
    public LogSink open(String buildId, String source) {
      StringBuffer buf = buffers(buildId).computeIfAbsent(source, k -> new StringBuffer());
      return new LogSink() {
        @Override
        public void write(String text) {
          buf.append(text);
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public String read(String buildId, String source) {
      StringBuffer b = buffers(buildId).get(source);
      return b == null ? "" : b.toString();
    }

    @Override
    public List<String> sources(String buildId) {
      List<String> out = new ArrayList<>(buffers(buildId).keySet());
      out.sort(Comparator.comparing((String s) -> !s.equals(WORKER)));
      return out;
    }

    private Map<String, StringBuffer> buffers(String buildId) {
      return logs.computeIfAbsent(buildId, k -> Collections.synchronizedMap(new LinkedHashMap<>()));
    }
  }
}
