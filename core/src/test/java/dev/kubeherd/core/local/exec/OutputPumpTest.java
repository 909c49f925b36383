package dev.kubeherd.core.local.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.port.LogSink;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutputPumpTest {

  @Test
  void writesWholeLinesAndALastPartialOne() throws Exception {
    RecordingSink sink = new RecordingSink();
    OutputPump pump = new OutputPump(sink, "test");
    pump.drain(stream("one\ntwo\n\nthree"));
    assertThat(pump.await(Duration.ZERO)).isTrue();
    assertThat(sink.writes()).containsExactly("one\n", "two\n", "\n", "three");
    assertThat(pump.text()).isEqualTo("one\ntwo\n\nthree");
  }

  @Test
  void keepsTheWholeOutputWhenTheSinkFails() {
    LogSink broken =
        new LogSink() {
          @Override
          public void write(String text) {
            throw new IllegalStateException("sink closed");
          }

          @Override
          public void close() {}
        };
    OutputPump pump = new OutputPump(broken, "test");
    pump.drain(stream("a\nb\n"));
    assertThat(pump.text()).isEqualTo("a\nb\n");
  }

  @Test
  void decodesUtf8SplitAcrossReads() {
    RecordingSink sink = new RecordingSink();
    OutputPump pump = new OutputPump(sink, "test");
    String text = "ü".repeat(5000) + "\n";
    pump.drain(stream(text));
    assertThat(pump.text()).isEqualTo(text);
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
