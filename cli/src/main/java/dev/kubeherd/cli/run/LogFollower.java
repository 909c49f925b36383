package dev.kubeherd.cli.run;

import dev.kubeherd.core.port.LogStore;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Follows one log source of a build: polls the store, hands each new complete line to the printer,
 * and once the writer is done drains the rest, including a last line without a newline.
 */
final class LogFollower {
  static final Duration POLL = Duration.ofMillis(50);

  private final LogStore logs;
  private final String buildId;
  private final String source;
  private final LinePrinter printer;
  private int offset;

  private final Duration poll;

  LogFollower(LogStore logs, String buildId, String source, LinePrinter printer) {
    this(logs, buildId, source, printer, POLL);
  }

  LogFollower(LogStore logs, String buildId, String source, LinePrinter printer, Duration poll) {
    this.poll = poll;
    this.logs = logs;
    this.buildId = buildId;
    this.source = source;
    this.printer = printer;
  }

  /** Follows until {@code done} is true and everything written before then is printed. */
  void follow(BooleanSupplier done) throws InterruptedException {
    while (true) {
      boolean last = done.getAsBoolean();
      String text = logs.read(buildId, source);
      printCompleteLines(text);
      if (last) {
        if (offset < text.length()) {
          printer.line(text.substring(offset));
          offset = text.length();
        }
        printer.finish();
        return;
      }
      Thread.sleep(poll.toMillis());
    }
  }

  private void printCompleteLines(String text) {
    if (text.length() < offset) {
      offset = 0; // the log was replaced; start over rather than print nothing
    }
    int newline;
    while ((newline = text.indexOf('\n', offset)) >= 0) {
      printer.line(text.substring(offset, newline));
      offset = newline + 1;
    }
  }
}
