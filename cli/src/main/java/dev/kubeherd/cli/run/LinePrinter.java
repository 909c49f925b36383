package dev.kubeherd.cli.run;

import java.io.PrintWriter;

/** Where the lines of a followed log go. */
interface LinePrinter {
  /** One log line, without its newline. */
  void line(String line);

  /** The log has ended; finish any line still in progress. */
  default void finish() {}

  /** Prints every line as it is. */
  static LinePrinter raw(PrintWriter out) {
    return line -> {
      out.println(line);
      out.flush();
    };
  }

  /** This printer, given lines with ANSI colour sequences removed. */
  default LinePrinter decolorized() {
    LinePrinter target = this;
    return new LinePrinter() {
      @Override
      public void line(String line) {
        target.line(Ansi.strip(line));
      }

      @Override
      public void finish() {
        target.finish();
      }
    };
  }
}
