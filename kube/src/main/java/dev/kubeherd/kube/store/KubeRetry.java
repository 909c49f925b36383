package dev.kubeherd.kube.store;

import dev.kubeherd.core.StoreUnavailableException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Bounded retries of Kubernetes API calls: a few attempts with exponential backoff, never a loop
 * without end. {@link #call} retries transient failures (5xx, 429, no response); {@link
 * #onConflict} re-runs a read-modify-write after a 409 Conflict, which means another writer won the
 * optimistic lock. What still fails becomes a {@link StoreUnavailableException} naming the call and
 * what to check: a 4xx is never retried and never blamed on the API server's health; a 422 (an
 * invalid object) says so, with the API server's reason.
 */
public final class KubeRetry {
  /** Sleeps between attempts; replaceable in tests. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** HTTP 422 Unprocessable Entity: the API server's answer to an invalid object. */
  private static final int UNPROCESSABLE = 422;

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
    if (e.getCode() == UNPROCESSABLE) {
      return invalid(what, e);
    }
    String hint =
        switch (e.getCode()) {
          case 401, 403 ->
              "Check that your Kubernetes user (your kubeconfig's, or in a pod its service"
                  + " account) has an RBAC role that allows it (see the brigade chart's Roles)";
          case 404 -> "it does not exist (deleted meanwhile, or another namespace)";
          case 409 -> "another writer kept changing the object; try again";
          case 429 -> "the API server kept throttling the requests; try again later";
          case 0, -1 ->
              "the Kubernetes API server could not be reached"
                  + rootCause(e)
                  + "; check --kubeconfig, --kube-context or $KUBECONFIG and the network, or use"
                  + " --local for local mode";
          default ->
              e.getCode() < 500
                  ? "the API server refused the request; retrying will not help"
                  : "check the Kubernetes API server's health and try again";
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
            + withoutFinalPeriod(e.getCode() > 0 ? serverMessage(e) : e.getMessage())
            + ". "
            + hint,
        e);
  }

  /** fabric8's messages end with a period of their own; ours adds one after it. */
  private static String withoutFinalPeriod(String message) {
    return message != null && message.endsWith(".")
        ? message.substring(0, message.length() - 1)
        : message;
  }

  /** A 422: the object sent breaks the API's rules; the server says which. */
  private static StoreUnavailableException invalid(String what, KubernetesClientException e) {
    return new StoreUnavailableException(
        "Could not "
            + what
            + ": the Kubernetes API server rejected the object as invalid (HTTP 422): "
            + serverMessage(e)
            + ". Sending it again will not help: what was sent breaks the API's rules (a field"
            + " that cannot change once set, such as a Secret's type, or a value it does not"
            + " accept); report it with this message, or delete the object and create it again",
        e);
  }

  /**
   * The API server's own words (its Status message), else the client's message (which repeats the
   * request and the whole Status).
   */
  private static String serverMessage(KubernetesClientException e) {
    Status status = e.getStatus();
    if (status != null && status.getMessage() != null && !status.getMessage().isBlank()) {
      return status.getMessage();
    }
    return e.getMessage();
  }
}
