package dev.kubeherd.kube.job;

import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.PodResource;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A job's {@code streamLogs}: follows the running container's log and hands each complete line on
 * as it arrives (the whole log is still copied into the log store when the job ends).
 */
final class PodLogStream implements AutoCloseable {
  private final LogWatch watch;
  private final Lines lines;

  private PodLogStream(LogWatch watch, Lines lines) {
    this.watch = watch;
    this.lines = lines;
  }

  static PodLogStream follow(PodResource pod, String container, Consumer<String> line) {
    Lines lines = new Lines(line);
    return new PodLogStream(pod.inContainer(container).watchLog(lines), lines);
  }

  @Override
  public void close() {
    watch.close();
    lines.flushPartial();
  }

  /** Splits the byte stream into lines (UTF-8, {@code \n}); a last partial line on close. */
  private static final class Lines extends OutputStream {
    private final Consumer<String> line;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();

    Lines(Consumer<String> line) {
      this.line = line;
    }

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        line.accept(current.toString(StandardCharsets.UTF_8));
        current.reset();
      } else {
        current.write(b);
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      for (int i = off; i < off + len; i++) {
        write(b[i]);
      }
    }

    synchronized void flushPartial() {
      if (current.size() > 0) {
        line.accept(current.toString(StandardCharsets.UTF_8));
        current.reset();
      }
    }
  }
}
