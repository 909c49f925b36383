package dev.kubeherd.core.local.exec;

import dev.kubeherd.core.port.LogSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a job's merged output to its {@link LogSink} line by line as it arrives, and keeps all of
 * it for the job result. A last line without a newline is written as is at end of stream.
 */
final class OutputPump {
  private static final Logger LOG = LoggerFactory.getLogger(OutputPump.class);

  private final LogSink sink;
  private final String source;
  private final StringBuilder log = new StringBuilder();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile boolean sinkFailed;

  OutputPump(LogSink sink, String source) {
    this.sink = sink;
    this.source = source;
  }

  /** Reads {@code in} to its end, then marks this pump finished. Call at most once. */
  void drain(InputStream in) {
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      char[] buffer = new char[8192];
      StringBuilder pending = new StringBuilder();
      int n;
      while ((n = reader.read(buffer)) >= 0) {
        pending.append(buffer, 0, n);
        emitLines(pending);
      }
      if (!pending.isEmpty()) {
        emit(pending.toString());
      }
    } catch (IOException e) {
      LOG.debug("Output of {} ended early: {}", source, e.toString());
    } finally {
      done.countDown();
    }
  }

  /** Writes {@code text} (a note of ours, not job output) to the sink and the kept log. */
  void note(String text) {
    emit(text);
  }

  /** Waits up to {@code limit} for end of stream; true if it was reached. */
  boolean await(Duration limit) throws InterruptedException {
    return done.await(limit.toNanos(), TimeUnit.NANOSECONDS);
  }

  boolean finished() {
    return done.getCount() == 0;
  }

  String text() {
    synchronized (log) {
      return log.toString();
    }
  }

  private void emitLines(StringBuilder pending) {
    int start = 0;
    int newline;
    while ((newline = pending.indexOf("\n", start)) >= 0) {
      emit(pending.substring(start, newline + 1));
      start = newline + 1;
    }
    pending.delete(0, start);
  }

  private void emit(String text) {
    synchronized (log) {
      log.append(text);
    }
    try {
      sink.write(text);
    } catch (RuntimeException e) {
      if (!sinkFailed) {
        sinkFailed = true;
        LOG.warn(
            "Log sink of {} failed, the result still has all output: {}", source, e.toString());
      }
    }
  }
}
