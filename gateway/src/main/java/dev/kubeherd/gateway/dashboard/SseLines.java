package dev.kubeherd.gateway.dashboard;

import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.service.LogTail;
import java.util.List;
import java.util.Optional;

/**
 * Turns a followed log into server-sent {@code line} events: each complete line not sent yet
 * becomes {@code id: <offset after it>} + {@code data: <line>} (carriage returns dropped, since
 * they end an event field), and once the writer is done the last line without a newline too. Pure,
 * one per stream.
 */
final class SseLines {
  private final LogTail tail;

  SseLines(int offset) {
    this.tail = new LogTail(offset);
  }

  /**
   * @param events the text to write (may be empty)
   * @param ended the phase the writer ended in, or null while it runs
   */
  record Chunk(String events, BuildPhase ended) {}

  /** The events for {@code text}, the whole log as read now. */
  Chunk next(String text, BuildPhase ended) {
    int start = text.length() < tail.offset() ? 0 : tail.offset();
    List<String> lines = tail.lines(text);
    StringBuilder events = new StringBuilder();
    int offset = start;
    for (String line : lines) {
      offset += line.length() + 1;
      event(events, offset, line);
    }
    if (ended != null) {
      Optional<String> rest = tail.rest(text);
      if (rest.isPresent()) {
        event(events, tail.offset(), rest.get());
      }
    }
    return new Chunk(events.toString(), ended);
  }

  private static void event(StringBuilder events, int id, String line) {
    events
        .append("event: line\nid: ")
        .append(id)
        .append("\ndata: ")
        .append(line.replace("\r", ""))
        .append("\n\n");
  }
}
