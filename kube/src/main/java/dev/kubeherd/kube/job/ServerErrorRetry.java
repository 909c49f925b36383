package dev.kubeherd.kube.job;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Retries Kubernetes API calls that fail with a server error (HTTP 5xx), with exponential back-off
 * and a bounded number of attempts (v1: 5 attempts from 4 s). Other failures, and the last one, are
 * thrown as they are, so job code can turn the API server's reason into the v1 rejection text. (The
 * stores' {@code dev.kubeherd.kube.store.KubeRetry} instead wraps failures into store exceptions
 * and retries conflicts and lost connections too.)
 *
 * @param attempts how many times a call is tried in all (at least 1)
 * @param firstBackoff the wait after the first failure; doubled after each further one
 */
public record ServerErrorRetry(int attempts, Duration firstBackoff) {
  /** v1's policy: 5 attempts, waiting 4, 8, 16 and 32 seconds. */
  public static final ServerErrorRetry V1 = new ServerErrorRetry(5, Duration.ofSeconds(4));

  public ServerErrorRetry {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
    }
  }

  /** Runs {@code call}; {@code what} names it in the exception when all attempts fail. */
  public <T> T call(String what, Supplier<T> call) {
    Duration wait = firstBackoff;
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (KubernetesClientException e) {
        if (!serverError(e) || attempt >= attempts) {
          throw e;
        }
        sleep(wait, what, e);
        wait = wait.multipliedBy(2);
      }
    }
  }

  public void run(String what, Runnable call) {
    call(
        what,
        () -> {
          call.run();
          return null;
        });
  }

  static boolean serverError(KubernetesClientException e) {
    return e.getCode() >= 500 && e.getCode() < 600;
  }

  /**
   * The API server's own message (e.g. {@code secrets "x" already exists}) without the request line
   * fabric8 adds, so nothing but the reason reaches a build log.
   */
  static String reason(KubernetesClientException e) {
    if (e.getStatus() != null
        && e.getStatus().getMessage() != null
        && !e.getStatus().getMessage().isEmpty()) {
      return e.getStatus().getMessage();
    }
    return e.getCode() > 0 ? "HTTP " + e.getCode() : String.valueOf(e.getMessage());
  }

  private static void sleep(Duration wait, String what, KubernetesClientException cause) {
    try {
      Thread.sleep(wait);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new KubernetesClientException("interrupted while retrying " + what, cause);
    }
  }
}
