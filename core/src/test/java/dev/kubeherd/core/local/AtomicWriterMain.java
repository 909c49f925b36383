package dev.kubeherd.core.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The victim of {@link AtomicFilesKillIT}: rewrites the file given as argument with {@link
 * AtomicFiles#write} forever, each generation {@link #LINES} identical lines, printing {@code
 * writing} once the first is done. It only stops when killed.
 */
public final class AtomicWriterMain {
  static final int LINES = 20_000;

  private AtomicWriterMain() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    for (long generation = 0; ; generation++) {
      AtomicFiles.write(file, content(generation));
      if (generation == 0) {
        System.out.println("writing");
        System.out.flush();
      }
    }
  }

  static byte[] content(long generation) {
    return ("generation " + generation + "\n").repeat(LINES).getBytes(StandardCharsets.UTF_8);
  }
}
