package dev.kubeherd.controller;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The API server refused a worker pod as invalid (HTTP 400 or 422): creating it again cannot
 * succeed, so the build fails with the server's reason instead of being retried.
 */
final class RejectedWorkerPodException extends RuntimeException {
  private final int code;
  private final String reason;

  RejectedWorkerPodException(String podName, KubernetesClientException cause) {
    super("worker pod " + podName + " was rejected: " + reason(cause), cause);
    this.code = cause.getCode();
    this.reason = reason(cause);
  }

  int code() {
    return code;
  }

  /** What the API server said (its Status message), else the client's message. */
  String reason() {
    return reason;
  }

  static String reason(KubernetesClientException e) {
    if (e.getStatus() != null
        && e.getStatus().getMessage() != null
        && !e.getStatus().getMessage().isBlank()) {
      return e.getStatus().getMessage();
    }
    return e.getMessage() == null ? "HTTP " + e.getCode() : e.getMessage();
  }
}
