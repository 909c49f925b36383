package dev.kubeherd.cli.run;

import java.io.PrintWriter;
import java.util.regex.Pattern;

/**
 * Prints a worker log, collapsing runs of the same {@code [brigade:k8s] <ns>/<pod> phase <Phase>}
 * line into one line with a spinner ({@code ....}, {@code =...}, ...), ended by {@code done} when
 * anything else arrives. Only the spinner is redrawn, by backspacing over its fixed width: a
 * carriage return would go back only to the last row of a phase line wider than the terminal,
 * printing another copy of the line on every redraw. Other lines pass through. As the worker logs a
 * phase only when it changes, the spinner also advances on each tick of a {@link Ticker} (every 200
 * ms on a terminal) while a phase line is open.
 */
final class ProgressPrinter implements LinePrinter {
  private static final Pattern PHASE_LINE =
      Pattern.compile("\\[brigade:k8s\\] \\S+/\\S+ phase \\S+");
  private static final String[] FRAMES = {"....", "=...", ".=..", "..=.", "...="};
  private static final String DONE = "done";
  private static final String BACK = "\b".repeat(FRAMES[0].length());

  private final PrintWriter out;
  private final Ticker ticker;
  private String current;
  private int ticks;
  private Ticker.Handle spinning;

  ProgressPrinter(PrintWriter out) {
    this(out, Ticker.none());
  }

  ProgressPrinter(PrintWriter out, Ticker ticker) {
    this.out = out;
    this.ticker = ticker;
  }

  static boolean isPhaseLine(String line) {
    return PHASE_LINE.matcher(Ansi.strip(line).strip()).matches();
  }

  @Override
  public synchronized void line(String line) {
    if (!isPhaseLine(line)) {
      finish();
      out.println(line);
    } else if (line.equals(current)) {
      advance();
    } else {
      finish();
      current = line;
      ticks = 0;
      out.print(current + " " + FRAMES[0]);
      spinning = ticker.start(this::tick);
    }
    out.flush();
  }

  private synchronized void tick() {
    if (current != null) {
      advance();
      out.flush();
    }
  }

  private void advance() {
    ticks++;
    out.print(BACK + FRAMES[ticks % FRAMES.length]);
  }

  @Override
  public synchronized void finish() {
    if (spinning != null) {
      spinning.close();
      spinning = null;
    }
    if (current != null) {
      out.println(BACK + DONE);
      out.flush();
      current = null;
    }
  }
}
