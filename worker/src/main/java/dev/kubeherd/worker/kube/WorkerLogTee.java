package dev.kubeherd.worker.kube;

import dev.kubeherd.core.port.LogSink;
import dev.kubeherd.core.port.LogStore;
import java.io.PrintWriter;
import java.util.List;

/**
 * A log store that also prints the worker log on a stream: a worker pod's standard output is what
 * {@code kubectl logs} and brig v1 show, while the store keeps the log after the pod is gone.
 */
final class WorkerLogTee implements LogStore {
  private final LogStore store;
  private final PrintWriter out;

  WorkerLogTee(LogStore store, PrintWriter out) {
    this.store = store;
    this.out = out;
  }

  @Override
  public LogSink open(String buildId, String source) {
    LogSink sink = store.open(buildId, source);
    if (!WORKER.equals(source)) {
      return sink;
    }
    return new LogSink() {
      @Override
      public void write(String text) {
        sink.write(text);
        synchronized (out) {
          out.print(text);
          out.flush();
        }
      }

      @Override
      public void close() {
        sink.close();
      }
    };
  }

  @Override
  public String read(String buildId, String source) {
    return store.read(buildId, source);
  }

  @Override
  public List<String> sources(String buildId) {
    return store.sources(buildId);
  }
}
