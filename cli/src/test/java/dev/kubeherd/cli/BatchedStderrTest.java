package dev.kubeherd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BatchedStderrTest {
  private final ByteArrayOutputStream written = new ByteArrayOutputStream();

  @Test
  void linesWaitForTheNextBatchEvenWhenFlushed() throws Exception {
    BatchedStderr batched = new BatchedStderr(written, 1024);
    PrintStream err = new PrintStream(batched, true, StandardCharsets.UTF_8);

    err.println("first");
    err.println("second");
    err.flush();
    assertThat(written.size()).isZero();

    batched.drain();
    assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo("first\nsecond\n");
  }

  @Test
  void aWriteThatDoesNotFitSendsWhatWaitedFirstInOrder() throws Exception {
    BatchedStderr batched = new BatchedStderr(written, 8);

    batched.write(bytes("abcde"));
    batched.write(bytes("fghij"));
    assertThat(text()).isEqualTo("abcde");

    batched.write(bytes("a line longer than the buffer"));
    assertThat(text()).isEqualTo("abcdefghija line longer than the buffer");

    batched.write('!');
    batched.drain();
    assertThat(text()).endsWith("buffer!");
  }

  @Test
  void onceTheProcessExitsWhatWaitedAndEveryLaterLineGoOutAtOnce() throws Exception {
    BatchedStderr batched = new BatchedStderr(written, 1024);
    PrintStream err = new PrintStream(batched, true, StandardCharsets.UTF_8);
    err.println("before");

    batched.writeThrough(); // what the shutdown hook does
    assertThat(text()).isEqualTo("before\n");

    err.println("from another shutdown hook");
    assertThat(text()).isEqualTo("before\nfrom another shutdown hook\n");
  }

  @Test
  void aStandardErrorThatCannotBeWrittenKeepsTheLinesForTheNextBatch() throws Exception {
    AtomicBoolean broken = new AtomicBoolean(true);
    OutputStream flaky =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            if (broken.get()) {
              throw new IOException("EPIPE");
            }
            written.write(b);
          }
        };
    BatchedStderr batched = new BatchedStderr(flaky, 1024);
    batched.write(bytes("kept\n"));

    assertThatThrownBy(batched::drain).isInstanceOf(IOException.class);
    broken.set(false);
    batched.drain();

    assertThat(text()).isEqualTo("kept\n");
  }

  @Test
  void onlyServerCommandsBatchTheirStandardErrorAndNotForTheirHelp() {
    CommandLine kubeherd = BrigApp.fromEnvironment(Map.of(), Clock.systemUTC()).kubeherd();

    assertThat(BrigMain.runsServer(kubeherd.parseArgs("gateway", "--local"))).isTrue();
    assertThat(BrigMain.runsServer(kubeherd.parseArgs("serve", "--local"))).isTrue();
    assertThat(BrigMain.runsServer(kubeherd.parseArgs("gateway", "--help"))).isFalse();
    assertThat(BrigMain.runsServer(kubeherd.parseArgs("version"))).isFalse();
    assertThat(BrigMain.runsServer(kubeherd.parseArgs("brig", "build", "list"))).isFalse();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private String text() {
    return written.toString(StandardCharsets.UTF_8);
  }
}
