package dev.kubeherd.core.port;

import java.util.List;

/**
 * Worker and job logs that outlive the process or pod that wrote them. A source is {@code worker}
 * or a job's pod name.
 */
public interface LogStore {
  String WORKER = "worker";

  /** Appends to a source's log; lines become visible to readers as they are written. */
  LogSink open(String buildId, String source);

  /** The whole log of a source so far ({@code ""} if none). */
  String read(String buildId, String source);

  /** Sources with a log, worker first, then jobs in the order they started. */
  List<String> sources(String buildId);
}
