package dev.kubeherd.core.port;

import java.util.List;
import java.util.OptionalLong;

/**
 * Worker and job logs that outlive the process or pod that wrote them. A source is {@code worker}
 * or a job's pod name.
 */
public interface LogStore {
  String WORKER = "worker";

  /**
   * Appends to a source's log. Readers using the same store instance see text as soon as it is
   * written; readers elsewhere may see it after a short, bounded delay when the adapter batches
   * writes (see the adapter's documentation), and at the latest once the sink is closed.
   */
  LogSink open(String buildId, String source);

  /** The whole log of a source so far ({@code ""} if none). */
  String read(String buildId, String source);

  /** Sources with a log, worker first, then jobs in the order they started. */
  List<String> sources(String buildId);

  /**
   * The size in UTF-8 bytes of a source's log when the store can tell it without reading the log (a
   * file's size); empty when it cannot. The log archive compares it with its copy, so a log written
   * to after it was archived is uploaded again when the next process starts.
   */
  default OptionalLong storedBytes(String buildId, String source) {
    return OptionalLong.empty();
  }
}
