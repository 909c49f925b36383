package dev.kubeherd.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTailTest {

  @Test
  void handsOutEachCompleteLineOnceAndKeepsAPartialLineForLater() {
    LogTail tail = new LogTail();

    assertThat(tail.lines("a\nb")).containsExactly("a");
    assertThat(tail.lines("a\nb")).isEmpty();
    assertThat(tail.lines("a\nbc\nd\n")).containsExactly("bc", "d");
    assertThat(tail.offset()).isEqualTo(7);
  }

  @Test
  void theRestIsTheLastLineWithoutANewlineAndOnlyOnce() {
    LogTail tail = new LogTail();
    tail.lines("a\nlast");

    assertThat(tail.rest("a\nlast")).hasValue("last");
    assertThat(tail.rest("a\nlast")).isEmpty();
    assertThat(new LogTail().rest("")).isEmpty();
  }

  @Test
  void aLogThatGotShorterWasReplacedAndIsFollowedFromItsStart() {
    LogTail tail = new LogTail();
    tail.lines("one\ntwo\nthree\n");

    assertThat(tail.lines("new\n")).containsExactly("new");
  }

  @Test
  void startsAtAGivenOffset() {
    assertThat(new LogTail(2).lines("a\nb\nc\n")).containsExactly("b", "c");
    assertThat(new LogTail(-5).lines("a\n")).containsExactly("a");
  }
}
