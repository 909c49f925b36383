package dev.kubeherd.core.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a follower of one log is: given the whole log as read again from the {@code LogStore}, it
 * hands out the complete lines not seen yet, and at the end the last line without a newline. A log
 * that got shorter was replaced and is followed from its start. Not thread safe: one per follower.
 */
public final class LogTail {
  private int offset;

  /** Starts at {@code offset} characters into the log (0: the start). */
  public LogTail(int offset) {
    this.offset = Math.max(0, offset);
  }

  public LogTail() {
    this(0);
  }

  /** How many characters of the log have been handed out. */
  public int offset() {
    return offset;
  }

  /** The complete lines of {@code text} after the offset, without their newlines. */
  public List<String> lines(String text) {
    if (text.length() < offset) {
      offset = 0; // the log was replaced; start over rather than print nothing
    }
    List<String> lines = new ArrayList<>();
    int newline;
    while ((newline = text.indexOf('\n', offset)) >= 0) {
      lines.add(text.substring(offset, newline));
      offset = newline + 1;
    }
    return lines;
  }

  /** After the writer is done: what follows the last newline, if anything. */
  public Optional<String> rest(String text) {
    if (offset >= text.length()) {
      return Optional.empty();
    }
    String rest = text.substring(offset);
    offset = text.length();
    return Optional.of(rest);
  }
}
