package dev.kubeherd.core.model;

import java.time.Instant;

/**
 * A stored build: the v1 "event" (build secret) plus its status. {@code id} is the lower-case ULID;
 * {@link #workerName()} is the build Secret / worker pod name (by default {@code
 * brigade-worker-<id>}).
 */
public record Build(
    String id, BuildRequest request, Instant createdAt, BuildStatus status, String workerName) {

  public static final String WORKER_PREFIX = "brigade-worker-";

  /**
   * @param workerName the v1 worker ID: the build Secret's name, which the worker pod takes too;
   *     {@code brigade-worker-<id>} for builds made by brig and gateways, anything for builds made
   *     by custom producers. Empty means the default.
   */
  public Build {
    workerName = workerName == null || workerName.isEmpty() ? WORKER_PREFIX + id : workerName;
  }

  /** A build stored under the default name {@code brigade-worker-<id>}. */
  public Build(String id, BuildRequest request, Instant createdAt, BuildStatus status) {
    this(id, request, createdAt, status, "");
  }

  public String projectId() {
    return request.projectId();
  }

  public Build withStatus(BuildStatus s) {
    return new Build(id, request, createdAt, s, workerName);
  }
}
