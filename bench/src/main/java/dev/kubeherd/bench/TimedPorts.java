package dev.kubeherd.bench;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.JobRecord;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.LogSink;
import dev.kubeherd.core.port.LogStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Decorators that add up calls and time spent per store method, so a benchmark can say where a
 * build's wall time goes (profiling mode of P3). Time is per calling thread: calls made from
 * several threads at once can add up to more than the wall time.
 */
final class TimedPorts {
  private final Map<String, Meter> meters = new ConcurrentHashMap<>();
  private volatile boolean on = true;

  private record Meter(LongAdder calls, LongAdder nanos) {}

  <T> T time(String name, Supplier<T> body) {
    if (!on) {
      return body.get();
    }
    long t0 = System.nanoTime();
    try {
      return body.get();
    } finally {
      Meter m = meters.computeIfAbsent(name, n -> new Meter(new LongAdder(), new LongAdder()));
      m.calls.increment();
      m.nanos.add(System.nanoTime() - t0);
    }
  }

  void time(String name, Runnable body) {
    time(
        name,
        () -> {
          body.run();
          return null;
        });
  }

  /** Clears the counts and starts counting. */
  void reset() {
    meters.clear();
    on = true;
  }

  /** Stops counting (e.g. while a benchmark cleans up between rounds). */
  void pause() {
    on = false;
  }

  /** Markdown rows: method, calls, total ms, mean µs/call, share of {@code wallMillis}. */
  void print(double wallMillis) {
    Stats.header("store call", "calls", "total ms", "µs/call", "% of round wall");
    new TreeMap<>(meters)
        .forEach(
            (name, m) -> {
              double ms = m.nanos.sum() / 1e6;
              long calls = m.calls.sum();
              Stats.row(
                  name,
                  Long.toString(calls),
                  Stats.f(ms, 1),
                  Stats.f(ms * 1000 / Math.max(1, calls), 0),
                  Stats.pct(ms / wallMillis));
            });
  }

  BuildStore builds(BuildStore d) {
    return new BuildStore() {
      @Override
      public Build create(BuildRequest request) {
        return time("BuildStore.create", () -> d.create(request));
      }

      @Override
      public Optional<Build> find(String buildId) {
        return time("BuildStore.find", () -> d.find(buildId));
      }

      @Override
      public List<Build> list(Optional<String> projectId) {
        return time("BuildStore.list", () -> d.list(projectId));
      }

      @Override
      public boolean claim(String buildId, String worker) {
        return time("BuildStore.claim", () -> d.claim(buildId, worker));
      }

      @Override
      public void updateStatus(String buildId, BuildStatus status) {
        time("BuildStore.updateStatus", () -> d.updateStatus(buildId, status));
      }

      @Override
      public BuildStatus updateStatus(
          String buildId, java.util.function.UnaryOperator<BuildStatus> change) {
        return time("BuildStore.updateStatus", () -> d.updateStatus(buildId, change));
      }

      @Override
      public boolean delete(String buildId) {
        return time("BuildStore.delete", () -> d.delete(buildId));
      }

      @Override
      public void saveJob(JobRecord job) {
        time("BuildStore.saveJob", () -> d.saveJob(job));
      }

      @Override
      public List<JobRecord> jobs(String buildId) {
        return time("BuildStore.jobs", () -> d.jobs(buildId));
      }
    };
  }

  LogStore logs(LogStore d) {
    return new LogStore() {
      @Override
      public LogSink open(String buildId, String source) {
        String kind = LogStore.WORKER.equals(source) ? "worker" : "job";
        LogSink sink = time("LogStore.open(" + kind + ")", () -> d.open(buildId, source));
        return new LogSink() {
          @Override
          public void write(String text) {
            time("LogSink.write(" + kind + ")", () -> sink.write(text));
          }

          @Override
          public void close() {
            time("LogSink.close(" + kind + ")", sink::close);
          }
        };
      }

      @Override
      public String read(String buildId, String source) {
        return time("LogStore.read", () -> d.read(buildId, source));
      }

      @Override
      public List<String> sources(String buildId) {
        return time("LogStore.sources", () -> d.sources(buildId));
      }
    };
  }
}
