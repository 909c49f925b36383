package dev.kubeherd.worker.run;

import dev.kubeherd.core.port.LogSink;
import java.util.Locale;

/**
 * The worker's own log lines ({@code [brigade:app] ...}), filtered by the build's log level ({@code
 * log < info < warn < error}, v1's enum). Script console output is never filtered.
 */
public final class WorkerLog {
  private final LogSink sink;
  private final int threshold;

  public WorkerLog(LogSink sink, String level) {
    this.sink = sink;
    this.threshold = rank(level.isEmpty() ? "log" : level);
  }

  public LogSink sink() {
    return sink;
  }

  public void log(String line) {
    at("log", line);
  }

  public void info(String line) {
    at("info", line);
  }

  public void warn(String line) {
    at("warn", line);
  }

  public void error(String line) {
    at("error", line);
  }

  /** Script console output: always written. */
  public void console(String text) {
    sink.line(text);
  }

  private void at(String level, String line) {
    if (rank(level) >= threshold) {
      sink.line(line);
    }
  }

  private static int rank(String level) {
    return switch (level.toLowerCase(Locale.ROOT)) {
      case "all" -> 0;
      case "info" -> 2;
      case "warn" -> 3;
      case "error" -> 4;
      case "none" -> 5;
      default -> 1;
    };
  }
}
