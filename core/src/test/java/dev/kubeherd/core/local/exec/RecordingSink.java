package dev.kubeherd.core.local.exec;

import dev.kubeherd.core.port.LogSink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link LogSink} that keeps every write, for assertions. */
final class RecordingSink implements LogSink {
  private final List<String> writes = new CopyOnWriteArrayList<>();

  @Override
  public void write(String text) {
    writes.add(text);
  }

  @Override
  public void close() {}

  List<String> writes() {
    return List.copyOf(writes);
  }

  String text() {
    return String.join("", writes);
  }

  /** Waits until the text written so far contains {@code wanted}; fails after {@code limit}. */
  void awaitText(String wanted, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!text().contains(wanted)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no '" + wanted + "' in log within " + limit + ": " + text());
      }
      Thread.sleep(10);
    }
  }
}
