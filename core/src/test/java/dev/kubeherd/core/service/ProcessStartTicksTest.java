package dev.kubeherd.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessStartTicksTest {
  private static final String AFTER_NAME =
      " S 1 20558 18355 0 -1 4194304 100 0 0 0 0 0 0 0 20 0 1 0 1860894 3133440 411 0 0";

  @Test
  void readsField22CountingFromTheLastParenthesisSoANameWithSpacesAndParenthesesIsSkipped() {
    assertThat(ProcessStartTicks.parse("20561 (cat)" + AFTER_NAME))
        .isEqualTo(OptionalLong.of(1860894));
    assertThat(ProcessStartTicks.parse("20561 (a b) 7 8 9 ) x)" + AFTER_NAME))
        .isEqualTo(OptionalLong.of(1860894));
  }

  @Test
  void aLineWithoutTheNameOrWithTooFewFieldsHasNoStartTicks() {
    assertThat(ProcessStartTicks.parse("20561 cat S 1 2 3")).isEmpty();
    assertThat(ProcessStartTicks.parse("20561 (cat) S 1 2 3")).isEmpty();
    assertThat(ProcessStartTicks.parse("20561 (cat)" + AFTER_NAME.replace("1860894", "x")))
        .isEmpty();
  }

  @Test
  void aLiveProcessHasStartTicksNotBeforeThisOnesAndAnEndedOneHasNone() throws Exception {
    Process child = new ProcessBuilder("sleep", "30").start();
    try {
      long mine = ProcessStartTicks.ofThisProcess().orElseThrow();
      assertThat(ProcessStartTicks.of(child.pid()).orElseThrow()).isGreaterThanOrEqualTo(mine);
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(ProcessStartTicks.of(child.pid())).isEmpty();
  }
}
