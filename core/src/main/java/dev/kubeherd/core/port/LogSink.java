package dev.kubeherd.core.port;

/** Where one source's log lines go. Thread-safe; each call appends whole lines. */
public interface LogSink extends AutoCloseable {

  /** Appends {@code text}; a missing trailing newline is not added. */
  void write(String text);

  default void line(String line) {
    write(line + "\n");
  }

  @Override
  void close();
}
