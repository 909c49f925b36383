package dev.kubeherd.worker.job;

import dev.kubeherd.core.port.LogSink;

/**
 * Writes a job's output to its own log and, line by line with a prefix, to the worker log (v1's
 * {@code streamLogs}: {@code [brigade:k8s] <ns>/<pod> logs <line>}).
 */
final class TeeSink implements LogSink {
  private final LogSink primary;
  private final LogSink worker;
  private final String prefix;
  private final StringBuilder partial = new StringBuilder();

  TeeSink(LogSink primary, LogSink worker, String prefix) {
    this.primary = primary;
    this.worker = worker;
    this.prefix = prefix;
  }

  @Override
  public synchronized void write(String text) {
    primary.write(text);
    partial.append(text);
    int nl;
    while ((nl = partial.indexOf("\n")) >= 0) {
      worker.line(prefix + partial.substring(0, nl));
      partial.delete(0, nl + 1);
    }
  }

  @Override
  public synchronized void close() {
    if (!partial.isEmpty()) {
      worker.line(prefix + partial);
      partial.setLength(0);
    }
    primary.close();
  }
}
