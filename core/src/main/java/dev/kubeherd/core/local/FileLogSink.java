package dev.kubeherd.core.local;

import dev.kubeherd.core.port.LogSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends to one log file. Each {@link #write} is one append to a channel opened with {@code
 * APPEND}, so concurrent writers (threads or processes) never interleave inside a write. There is
 * no user-space buffer: written text is visible to readers in other processes at once.
 */
final class FileLogSink implements LogSink {
  private final Path file;
  private FileChannel channel;
  private final boolean durable;
  private boolean closed;

  /**
   * @param durable whether {@link #close()} waits for the disk (the worker log); job logs skip it,
   *     an fsync per job being a measurable cost when builds run many short jobs
   */
  FileLogSink(Path file, boolean durable) {
    this.file = file;
    this.durable = durable;
  }

  /** The file is created on the first write: a job that prints nothing costs no file. */
  private FileChannel channel() throws IOException {
    if (channel == null) {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }
    return channel;
  }

  @Override
  public synchronized void write(String text) {
    if (closed) {
      throw new IllegalStateException("log " + file + " is closed; open it again to append");
    }
    ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    try {
      FileChannel ch = channel();
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not append to log " + file + ": " + e, e);
    }
  }

  /** Releases the file, first making it durable if asked to. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (channel == null) {
      return;
    }
    try (FileChannel ch = channel) {
      if (durable) {
        ch.force(false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not close log " + file + ": " + e, e);
    }
  }
}
