package dev.kubeherd.kube.job;

import dev.kubeherd.core.port.LogSink;

/**
 * A job pod's log as it streams into the job's {@link LogSink} while the pod runs, so the lines are
 * stored even when the pod is deleted before it ends. When the job ends, {@link #rest} gives what
 * the stream had not delivered yet, from the whole log read then, so nothing is stored twice.
 */
final class StreamedLog {
  private final LogSink sink;
  private final StringBuilder streamed = new StringBuilder();
  private boolean stopped;

  StreamedLog(LogSink sink) {
    this.sink = sink;
  }

  /**
   * One whole line from the stream (its newline cut off); ignored once stopped. Stop before closing
   * the stream: closing hands on a partial last line, which {@link #finish} takes from the whole
   * log instead.
   */
  synchronized void line(String line) {
    if (stopped) {
      return;
    }
    String text = line + "\n";
    sink.write(text);
    streamed.append(text);
  }

  /** Stops taking lines and returns the text stored so far. */
  synchronized String stop() {
    stopped = true;
    return streamed.toString();
  }

  /**
   * Stops the stream and stores what {@code whole} (the pod's whole log) has beyond it. A stream
   * that disagrees with the whole log (the container restarted) keeps what it stored, followed by
   * the whole log after a note.
   */
  synchronized void finish(String whole) {
    String so = stop();
    if (whole.startsWith(so)) {
      sink.write(whole.substring(so.length()));
    } else {
      sink.write(so.isEmpty() ? whole : "[brigade:k8s] the whole log follows\n" + whole);
    }
  }
}
