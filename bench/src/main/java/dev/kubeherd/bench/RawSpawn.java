package dev.kubeherd.bench;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The baselines: what spawning a trivial process costs on this machine without kubeherd. */
final class RawSpawn {
  private RawSpawn() {}

  /** Times of {@code bash -c true} via {@link ProcessBuilder}: [0] start() only, [1] to exit. */
  static long[][] bashTrue(int warmup, int samples) {
    long[] startOnly = new long[samples];
    long[] toExit = new long[samples];
    for (int i = -warmup; i < samples; i++) {
      long t0 = System.nanoTime();
      Process p = start("bash", "-c", "true");
      long t1 = System.nanoTime();
      waitOk(p);
      long t2 = System.nanoTime();
      if (i >= 0) {
        startOnly[i] = t1 - t0;
        toExit[i] = t2 - t0;
      }
    }
    return new long[][] {startOnly, toExit};
  }

  /** Wall seconds of {@code bash -c 'for i in $(seq n); do bash -c true; done'}. */
  static double bashLoopSeconds(int n) {
    long t0 = System.nanoTime();
    waitOk(start("bash", "-c", "for i in $(seq " + n + "); do bash -c true; done"));
    return (System.nanoTime() - t0) / 1e9;
  }

  private static Process start(String... cmd) {
    try {
      return new ProcessBuilder(cmd)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void waitOk(Process p) {
    try {
      int rc = p.waitFor();
      if (rc != 0) {
        throw new IllegalStateException("baseline process exited " + rc);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
