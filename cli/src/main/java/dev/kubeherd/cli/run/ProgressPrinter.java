package dev.kubeherd.cli.run;

import java.io.PrintWriter;
import java.util.regex.Pattern;

/**
 * Prints a worker log, collapsing runs of the same {@code [brigade:k8s] <ns>/<pod> phase <Phase>}
 * line into one line with a spinner ({@code ....}, {@code =...}, ...) redrawn with a carriage
 * return, ended by {@code done} when anything else arrives. Other lines pass through.
 */
final class ProgressPrinter implements LinePrinter {
  private static final Pattern PHASE_LINE =
      Pattern.compile("\\[brigade:k8s\\] \\S+/\\S+ phase \\S+");
  private static final String[] FRAMES = {"....", "=...", ".=..", "..=.", "...="};

  private final PrintWriter out;
  private String current;
  private int ticks;

  ProgressPrinter(PrintWriter out) {
    this.out = out;
  }

  static boolean isPhaseLine(String line) {
    return PHASE_LINE.matcher(Ansi.strip(line).strip()).matches();
  }

  @Override
  public void line(String line) {
    if (!isPhaseLine(line)) {
      finish();
      out.println(line);
    } else if (line.equals(current)) {
      ticks++;
      out.print("\r" + current + " " + FRAMES[ticks % FRAMES.length]);
    } else {
      finish();
      current = line;
      ticks = 0;
      out.print(current + " " + FRAMES[0]);
    }
    out.flush();
  }

  @Override
  public void finish() {
    if (current != null) {
      out.println("\r" + current + " done");
      out.flush();
      current = null;
    }
  }
}
