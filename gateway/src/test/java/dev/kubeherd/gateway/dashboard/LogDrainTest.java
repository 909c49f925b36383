package dev.kubeherd.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When a followed log is done, on a made-up nanosecond clock. */
class LogDrainTest {
  private static long at(Duration d) {
    return d.toNanos();
  }

  @Test
  void aRunningWriterIsNeverDone() {
    LogDrain drain = new LogDrain();

    assertThat(drain.done(10, null, at(Duration.ZERO))).isFalse();
    assertThat(drain.done(10, null, at(Duration.ofHours(1)))).isFalse();
  }

  @Test
  void aJustEndedWriterIsFollowedForItsLateWritesThenUntilTheLogIsQuiet() {
    LogDrain drain = new LogDrain();
    Duration late = LogDrain.LATE_WRITES;

    assertThat(drain.done(10, Duration.ZERO, at(Duration.ZERO))).isFalse();
    assertThat(drain.done(10, Duration.ZERO, at(late.minusMillis(1)))).isFalse();
    assertThat(drain.done(20, Duration.ZERO, at(late))).isFalse();
    assertThat(drain.done(20, Duration.ZERO, at(late.plus(LogDrain.QUIET).minusMillis(1))))
        .isFalse();
    assertThat(drain.done(20, Duration.ZERO, at(late.plus(LogDrain.QUIET)))).isTrue();
  }

  @Test
  void anEndLongAgoIsDoneAfterOneQuietPeriod() {
    LogDrain drain = new LogDrain();
    Duration longAgo = Duration.ofHours(1);

    assertThat(drain.done(10, longAgo, at(Duration.ZERO))).isFalse();
    assertThat(drain.done(10, longAgo, at(LogDrain.QUIET))).isTrue();
  }

  @Test
  void aLogThatKeepsGrowingAfterTheEndIsCutOffAtTheMaximum() {
    LogDrain drain = new LogDrain();
    Duration max = LogDrain.MAX_AFTER_END;

    assertThat(drain.done(1, Duration.ZERO, at(Duration.ZERO))).isFalse();
    assertThat(drain.done(2, Duration.ZERO, at(max.minusMillis(1)))).isFalse();
    assertThat(drain.done(3, Duration.ZERO, at(max))).isTrue();
  }
}
