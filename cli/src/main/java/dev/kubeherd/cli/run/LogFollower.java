package dev.kubeherd.cli.run;

import dev.kubeherd.core.port.LogStore;
import dev.kubeherd.core.service.LogTail;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Follows one log source of a build: polls the store, hands each new complete line ({@link
 * LogTail}) to the printer, and once the writer is done drains the rest, including a last line
 * without a newline.
 */
final class LogFollower {
  static final Duration POLL = Duration.ofMillis(50);

  private final LogStore logs;
  private final String buildId;
  private final String source;
  private final LinePrinter printer;
  private final LogTail tail = new LogTail();

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
      tail.lines(text).forEach(printer::line);
      if (last) {
        tail.rest(text).ifPresent(printer::line);
        printer.finish();
        return;
      }
      Thread.sleep(poll.toMillis());
    }
  }
}
