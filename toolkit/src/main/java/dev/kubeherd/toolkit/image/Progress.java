package dev.kubeherd.toolkit.image;

import java.util.function.Consumer;

/**
 * Progress lines of a build: {@code [n/8] step}, indented details, and the output of the engine and
 * the scripts indented further. Never given a secret: scripts that print their secrets print them
 * here, which is theirs to avoid.
 */
final class Progress {
  static final int STEPS = 8;
  private final Consumer<String> lines;

  Progress(Consumer<String> lines) {
    this.lines = lines;
  }

  void step(int n, String line) {
    lines.accept("[" + n + "/" + STEPS + "] " + line);
  }

  void detail(String line) {
    lines.accept("  " + line);
  }

  /** A line printed by the engine or a script. */
  void output(String line) {
    lines.accept("    " + line);
  }
}
