package dev.kubeherd.toolkit.pipeline;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An argument list as one POSIX shell command line (pure): each word single-quoted unless it is
 * made only of characters the shell never interprets, so no value can run as shell syntax.
 */
public final class ShellWords {
  private ShellWords() {}

  /** {@code words} joined by spaces, each {@link #quote}d. */
  public static String join(List<String> words) {
    return words.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
  }

  /** {@code word} as one shell word: as it is when safe, else in single quotes. */
  public static String quote(String word) {
    if (!word.isEmpty() && word.matches("[A-Za-z0-9_@%+=:,./-]+")) {
      return word;
    }
    return "'" + word.replace("'", "'\"'\"'") + "'";
  }
}
