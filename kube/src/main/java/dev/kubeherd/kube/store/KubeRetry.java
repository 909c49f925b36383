package dev.kubeherd.kube.store;

import dev.kubeherd.core.StoreUnavailableException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Bounded retries of Kubernetes API calls: a few attempts with exponential backoff, never a loop
 * without end. {@link #call} retries transient failures (5xx, 429, no response); {@link
 * #onConflict} re-runs a read-modify-write after a 409 Conflict, which means another writer won the
 * optimistic lock. What still fails becomes a {@link StoreUnavailableException} naming the call.
 */
public final class KubeRetry {
  /** Sleeps between attempts; replaceable in tests. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private static final KubeRetry DEFAULT =
      new KubeRetry(5, Duration.ofMillis(100), Duration.ofSeconds(2), d -> Thread.sleep(d));

  private final int attempts;
  private final Duration first;
  private final Duration max;
  private final Sleeper sleeper;

  public KubeRetry(int attempts, Duration first, Duration max, Sleeper sleeper) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, not " + attempts);
    }
    this.attempts = attempts;
    this.first = first;
    this.max = max;
    this.sleeper = sleeper;
  }

  /** 5 attempts, 100 ms doubling up to 2 s (about 1.5 s of waiting in all). */
  public static KubeRetry standard() {
    return DEFAULT;
  }

  /**
   * Runs {@code op}, retrying transient API failures.
   *
   * @param what the call in words ("get build Secret brigade-worker-01…"), for the message
   * @throws StoreUnavailableException when it still fails, or fails in a way retrying cannot fix
   */
  public <T> T call(String what, Supplier<T> op) {
    return run(what, op, false);
  }

  /**
   * Runs a read-modify-write {@code op} (which must read afresh each time), re-running it after a
   * 409 Conflict as well as after transient failures.
   */
  public <T> T onConflict(String what, Supplier<T> op) {
    return run(what, op, true);
  }

  private <T> T run(String what, Supplier<T> op, boolean conflicts) {
    Duration delay = first;
    for (int attempt = 1; ; attempt++) {
      try {
        return op.get();
      } catch (KubernetesClientException e) {
        boolean retryable = isTransient(e) || (conflicts && isConflict(e));
        if (!retryable) {
          throw unavailable(what, e, attempt);
        }
        if (attempt >= attempts) {
          throw unavailable(what, e, attempt);
        }
      }
      pause(what, delay);
      delay = delay.multipliedBy(2).compareTo(max) > 0 ? max : delay.multipliedBy(2);
    }
  }

  private void pause(String what, Duration delay) {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("Interrupted while retrying: " + what, e);
    }
  }

  /** 5xx, 429 Too Many Requests, or no HTTP response at all (code 0 or -1: connection failures). */
  public static boolean isTransient(KubernetesClientException e) {
    int code = e.getCode();
    return code <= 0 || code == 429 || code >= 500;
  }

  public static boolean isConflict(KubernetesClientException e) {
    return e.getCode() == HttpURLConnection.HTTP_CONFLICT;
  }

  public static boolean isNotFound(KubernetesClientException e) {
    return e.getCode() == HttpURLConnection.HTTP_NOT_FOUND;
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t == e || t.getMessage() == null ? "" : " (" + t.getMessage() + ")";
  }

  private static StoreUnavailableException unavailable(
      String what, KubernetesClientException e, int attempt) {
    String hint =
        switch (e.getCode()) {
          case 401, 403 ->
              "check the service account's RBAC role allows it (see the brigade chart's Roles)";
          case 409 -> "another writer kept changing the object; try again";
          case 0, -1 ->
              "the Kubernetes API server could not be reached"
                  + rootCause(e)
                  + "; check --kubeconfig, --kube-context or $KUBECONFIG and the network, or use"
                  + " --local for local mode";
          default -> "check the Kubernetes API server's health and try again";
        };
    return new StoreUnavailableException(
        "Could not "
            + what
            + " (HTTP "
            + e.getCode()
            + ", "
            + attempt
            + (attempt == 1 ? " attempt" : " attempts")
            + "): "
            + e.getMessage()
            + ". "
            + hint,
        e);
  }
}
