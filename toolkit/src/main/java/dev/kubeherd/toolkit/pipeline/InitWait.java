package dev.kubeherd.toolkit.pipeline;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code brigadm wait init}: polls a namespace until the engine Deployment is Available and a
 * project exists, backing off from {@link #FIRST_DELAY} to {@link #MAX_DELAY}; prints each change.
 */
public final class InitWait {
  static final Duration FIRST_DELAY = Duration.ofMillis(200);
  static final Duration MAX_DELAY = Duration.ofSeconds(5);

  private final PipelineProbe probe;
  private final PrintWriter progress;

  public InitWait(PipelineProbe probe, PrintWriter progress) {
    this.probe = probe;
    this.progress = progress;
  }

  /**
   * Returns the ready status, or throws when {@code timeout} passes first.
   *
   * @throws PipelineMissingException (exit 3) on timeout, saying what is still missing
   */
  public PipelineStatus await(String namespace, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    Duration delay = FIRST_DELAY;
    String last = "";
    while (true) {
      PipelineStatus status = probe.probe(namespace);
      if (!status.describe().equals(last)) {
        last = status.describe();
        progress.println("waiting: " + last);
        progress.flush();
      }
      if (status.ready()) {
        return status;
      }
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.isNegative() || left.isZero()) {
        throw new PipelineMissingException(
            "timed out after "
                + timeout.toSeconds()
                + "s waiting for the pipeline: "
                + last
                + "; check 'kubectl -n "
                + namespace
                + " get deploy,pods' and install it with 'brigadm init', or pass a longer"
                + " --timeout");
      }
      Thread.sleep(Math.min(delay.toMillis(), left.toMillis()));
      delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
    }
  }
}
