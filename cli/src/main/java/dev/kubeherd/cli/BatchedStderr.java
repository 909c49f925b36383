package dev.kubeherd.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Standard error of a server process ({@link LongRunning}): what is written is kept and written out
 * together at most {@link #INTERVAL} later, when {@link #CAPACITY} bytes are waiting, or when the
 * process exits, instead of one {@code write} per log line. The gateway logs a line per request,
 * and that write cost as much as a tenth of a delivery's CPU (P4, {@code docs/benchmarks.md}).
 *
 * <p>What is lost: the lines of the last {@link #INTERVAL} when the process is killed with {@code
 * SIGKILL} or the JVM crashes. Nothing else depends on them: deliveries are durable before they are
 * answered, whatever the log says.
 */
final class BatchedStderr extends OutputStream {
  /** How long a line waits at most before it is written. */
  static final Duration INTERVAL = Duration.ofMillis(100);

  /** How many bytes wait at most; a longer write goes out at once. */
  static final int CAPACITY = 16 * 1024;

  private final OutputStream out;
  private final byte[] buffer;
  private int count;
  private boolean direct;

  BatchedStderr(OutputStream out, int capacity) {
    this.out = out;
    this.buffer = new byte[capacity];
  }

  /**
   * Makes {@link System#err} batched for the rest of the process: a daemon thread writes it out
   * every {@link #INTERVAL}; once the process begins to exit, a shutdown hook writes what is left
   * and every later line goes out at once (other hooks, which run alongside, may still log).
   */
  static void install() {
    BatchedStderr batched = new BatchedStderr(new FileOutputStream(FileDescriptor.err), CAPACITY);
    System.setErr(new PrintStream(batched, false, System.err.charset()));
    Thread.ofPlatform()
        .daemon()
        .name("kubeherd-stderr")
        .start(
            () -> {
              while (true) {
                try {
                  Thread.sleep(INTERVAL);
                } catch (InterruptedException e) {
                  return;
                }
                batched.drainQuietly();
              }
            });
    Runtime.getRuntime()
        .addShutdownHook(Thread.ofPlatform().unstarted(batched::writeThroughQuietly));
  }

  @Override
  public synchronized void write(int b) throws IOException {
    if (direct) {
      out.write(b);
      return;
    }
    if (count == buffer.length) {
      drain();
    }
    buffer[count++] = (byte) b;
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
    if (length > buffer.length - count) {
      drain();
    }
    if (direct || length > buffer.length) {
      out.write(bytes, offset, length);
      return;
    }
    System.arraycopy(bytes, offset, buffer, count, length);
    count += length;
  }

  /**
   * Deferred: the lines go out with the next batch (a log line flushes after every line), unless
   * the process is exiting.
   */
  @Override
  public synchronized void flush() throws IOException {
    if (direct) {
      out.flush();
    }
  }

  /** Writes out what is waiting. */
  synchronized void drain() throws IOException {
    if (count > 0) {
      out.write(buffer, 0, count);
      count = 0;
    }
    out.flush();
  }

  /** Writes out what is waiting, and from now on every write at once. */
  synchronized void writeThrough() throws IOException {
    direct = true;
    drain();
  }

  private void writeThroughQuietly() {
    try {
      writeThrough();
    } catch (IOException e) {
      // as in drainQuietly: nowhere to report it
    }
  }

  /** {@link #drain()} for the flusher: a standard error that cannot be written is not reported. */
  private void drainQuietly() {
    try {
      drain();
    } catch (IOException e) {
      // nowhere to report it (standard error is where reports go); the next batch tries again
    }
  }

  @Override
  public void close() throws IOException {
    drain();
    out.close();
  }
}
