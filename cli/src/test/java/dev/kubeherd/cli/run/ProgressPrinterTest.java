package dev.kubeherd.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {
  static final String PENDING = "[brigade:k8s] default/j1-01abc phase Pending";

  final StringWriter text = new StringWriter();
  final ProgressPrinter printer = new ProgressPrinter(new PrintWriter(text));

  @Test
  void recognisesOnlyJobPhaseLines() {
    assertThat(ProgressPrinter.isPhaseLine(PENDING)).isTrue();
    assertThat(ProgressPrinter.isPhaseLine("\u001B[36m" + PENDING + "\u001B[0m")).isTrue();
    assertThat(ProgressPrinter.isPhaseLine("[brigade:k8s] Creating pod j1-01abc")).isFalse();
    assertThat(ProgressPrinter.isPhaseLine("echo " + PENDING)).isFalse();
  }

  @Test
  void spinnerCyclesAndEndsWithDone() {
    for (int i = 0; i < 6; i++) {
      printer.line(PENDING);
    }
    printer.finish();

    assertThat(text.toString())
        .isEqualTo(
            PENDING
                + " ....\b\b\b\b=...\b\b\b\b.=..\b\b\b\b..=.\b\b\b\b...=\b\b\b\b...."
                + "\b\b\b\bdone\n");
  }

  @Test
  void otherLinesEndTheSpinnerAndPassThrough() {
    printer.line(PENDING);
    printer.line("job output");
    printer.line("more");
    printer.finish();

    assertThat(text.toString()).isEqualTo(PENDING + " ....\b\b\b\bdone\njob output\nmore\n");
  }

  @Test
  void decolorizedPrinterStripsBeforeCollapsing() {
    LinePrinter plain = printer.decolorized();

    plain.line("\u001B[33m" + PENDING + "\u001B[0m");
    plain.line(PENDING);
    plain.finish();

    assertThat(text.toString()).isEqualTo(PENDING + " ....\b\b\b\b=...\b\b\b\bdone\n");
  }

  @Test
  void theSpinnerAdvancesOnEachTickWithoutNewLinesAndStopsAtDone() {
    ManualTicker ticker = new ManualTicker();
    ProgressPrinter ticking = new ProgressPrinter(new PrintWriter(text), ticker);

    ticking.line(PENDING);
    ticker.tick();
    ticker.tick();
    ticking.finish();
    ticker.tick(); // a late tick after done draws nothing

    assertThat(text.toString()).isEqualTo(PENDING + " ....\b\b\b\b=...\b\b\b\b.=..\b\b\b\bdone\n");
    assertThat(ticker.running).isFalse();
  }

  @Test
  void aNewPhaseLineRestartsTheTicker() {
    ManualTicker ticker = new ManualTicker();
    ProgressPrinter ticking = new ProgressPrinter(new PrintWriter(text), ticker);

    ticking.line(PENDING);
    ticking.line("job output");
    assertThat(ticker.running).isFalse();
    ticking.line(PENDING.replace("Pending", "Running"));
    assertThat(ticker.running).isTrue();
    ticker.tick();
    ticking.finish();

    assertThat(text.toString()).endsWith("Running ....\b\b\b\b=...\b\b\b\bdone\n");
  }

  @Test
  void ticksRedrawOnlyTheSpinnerSoAWrappedPhaseLineIsNotRepeated() {
    ManualTicker ticker = new ManualTicker();
    ProgressPrinter ticking = new ProgressPrinter(new PrintWriter(text), ticker);
    String wide = "[brigade:k8s] default/" + "j".repeat(120) + " phase Pending";

    ticking.line(wide);
    int drawn = text.toString().length();
    for (int i = 0; i < 15; i++) {
      ticker.tick();
    }
    String ticks = text.toString().substring(drawn);

    assertThat(ticks).doesNotContain("\r").doesNotContain("phase");
    assertThat(ticks).startsWith("\b\b\b\b=...\b\b\b\b.=..").hasSize(15 * 8);
  }

  /** A ticker the test ticks by hand. */
  static final class ManualTicker implements Ticker {
    private Runnable task = () -> {};
    boolean running;

    @Override
    public Handle start(Runnable tick) {
      task = tick;
      running = true;
      return () -> running = false;
    }

    void tick() {
      task.run();
    }
  }
}
