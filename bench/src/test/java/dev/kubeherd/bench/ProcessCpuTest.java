package dev.kubeherd.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {
  @Test
  void aBusyThreadShowsUpUnderItsNameWithDigitsFolded() throws Exception {
    long pid = ProcessHandle.current().pid();
    Map<String, long[]> before = ProcessCpu.byThread(pid);
    Thread busy =
        Thread.ofPlatform()
            .name("spinner-42")
            .start(
                () -> {
                  long end = System.nanoTime() + 300_000_000L;
                  double x = 0;
                  while (System.nanoTime() < end) {
                    x += Math.sqrt(x + 1);
                  }
                  assertThat(x).isPositive();
                });
    Thread.sleep(200); // sample while it still runs: ended threads leave /proc/<pid>/task
    Map<String, long[]> delta = ProcessCpu.delta(before, ProcessCpu.byThread(pid));
    busy.join();

    assertThat(delta).containsKey("spinner-N");
    long[] spinner = delta.get("spinner-N");
    assertThat(spinner[0] + spinner[1]).isGreaterThan(0);
    assertThat(ProcessCpu.nanos(pid)).isGreaterThan(0);
  }

  @Test
  void aSpinningThreadMakesTheMachineBusierThanNothing() throws Exception {
    long[] before = ProcessCpu.machineTicks();
    long end = System.nanoTime() + 300_000_000L;
    double x = 0;
    while (System.nanoTime() < end) {
      x += Math.sqrt(x + 1);
    }
    long[] after = ProcessCpu.machineTicks();

    assertThat(x).isPositive();
    assertThat(before).isNotNull();
    // 300 ms of one busy thread: at least 20 of the kernel's 10 ms ticks more busy time
    assertThat(after[0] - before[0]).isGreaterThanOrEqualTo(20);
    assertThat(ProcessCpu.busyShare(before, after)).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
    assertThat(ProcessCpu.busyShare(after, before)).isNaN();
  }
}
