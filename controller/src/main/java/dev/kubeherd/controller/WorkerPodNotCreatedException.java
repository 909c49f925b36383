package dev.kubeherd.controller;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Creating a worker pod failed in a way that may pass (5xx, a timeout, a 403 from a quota, RBAC or
 * Pod Security admission), so it is retried with back-off; when the back-off gives up, the claimed
 * build fails with {@link #reason()}.
 */
final class WorkerPodNotCreatedException extends RuntimeException {
  private final int code;
  private final String reason;

  WorkerPodNotCreatedException(String podName, KubernetesClientException cause) {
    super(
        "worker pod "
            + podName
            + " could not be created: "
            + RejectedWorkerPodException.reason(cause),
        cause);
    this.code = cause.getCode();
    this.reason = RejectedWorkerPodException.reason(cause);
  }

  /** The HTTP status code; not positive when the API server did not answer. */
  int code() {
    return code;
  }

  /** What the API server said (its Status message), else the client's message. */
  String reason() {
    return reason;
  }
}
