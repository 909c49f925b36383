package dev.kubeherd.gateway;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Captures what slf4j-simple prints (it writes to the current {@code System.err} on every line)
 * while still passing it through. Close it to restore {@code System.err}.
 */
public final class LogCapture implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  public LogCapture() {
    PrintStream tee =
        new PrintStream(
            new OutputStream() {
              @Override
              public void write(int b) {
                synchronized (captured) {
                  captured.write(b);
                }
                original.write(b);
              }

              @Override
              public void write(byte[] b, int off, int len) {
                synchronized (captured) {
                  captured.write(b, off, len);
                }
                original.write(b, off, len);
              }
            },
            true,
            StandardCharsets.UTF_8);
    System.setErr(tee);
  }

  public String text() {
    synchronized (captured) {
      return captured.toString(StandardCharsets.UTF_8);
    }
  }

  /**
   * Waits up to {@code timeout} for the captured text to satisfy {@code condition} (the request log
   * line is written just after the answer is sent) and returns it either way.
   */
  public String await(Predicate<String> condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.test(text()) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return text();
  }

  @Override
  public void close() {
    System.setErr(original);
  }
}
