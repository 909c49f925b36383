package dev.kubeherd.toolkit.pipeline;

import dev.kubeherd.core.StoreUnavailableException;
import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/**
 * A Kubernetes API call of a toolkit pipeline command failed (exit code 3: remote). The message
 * says what the command was doing, what the API answered, and what to check. Toolkit code converts
 * {@link KubernetesClientException} at its boundary with {@link #call}; brig's own commands keep
 * their exit codes. The Kubernetes stores' {@link StoreUnavailableException} (a fabric8 failure
 * that retrying did not fix) is converted the same way.
 */
public final class KubeApiException extends ToolkitException {
  static final String HINT =
      "check the kube context (--kubeconfig, --kube-context), that its user may do this (RBAC),"
          + " and that the API server is reachable";

  public KubeApiException(String doing, KubernetesClientException cause) {
    super(ToolkitExitCodes.REMOTE_FAILED, message(doing, cause), cause);
  }

  /** Runs {@code call}, turning a Kubernetes API failure into this exception. */
  public static <T> T call(String doing, Supplier<T> call) {
    try {
      return call.get();
    } catch (KubernetesClientException e) {
      throw new KubeApiException(doing, e);
    } catch (StoreUnavailableException e) {
      if (e.getCause() instanceof KubernetesClientException k) {
        throw new KubeApiException(doing, k);
      }
      throw e;
    }
  }

  /** {@link #call} without a result. */
  public static void run(String doing, Runnable call) {
    call(
        doing,
        () -> {
          call.run();
          return null;
        });
  }

  private static String message(String doing, KubernetesClientException e) {
    if (e.getCode() <= 0) {
      // no HTTP answer at all: fabric8's own text ("Operation: [get] ... failed.") hides why
      return "the Kubernetes API server could not be reached while "
          + doing
          + " ("
          + rootCause(e)
          + "); check --kubeconfig, --kube-context or $KUBECONFIG and the network";
    }
    String answer =
        e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage()
            : e.getMessage();
    return "Kubernetes API failed while "
        + doing
        + " (HTTP "
        + e.getCode()
        + ": "
        + answer
        + "); "
        + HINT;
  }

  /** The innermost cause's message (a refused connection, an unknown host, no kubeconfig). */
  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.toString();
  }
}
