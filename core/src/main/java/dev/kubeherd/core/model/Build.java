package dev.kubeherd.core.model;

import java.time.Instant;
import java.util.Map;

/**
 * A stored build: the v1 "event" (build secret) plus its status. {@code id} is the lower-case ULID;
 * {@link #workerName()} is the build Secret / worker pod name (by default {@code
 * brigade-worker-<id>}).
 */
public record Build(
    String id,
    BuildRequest request,
    Instant createdAt,
    BuildStatus status,
    String workerName,
    Map<String, String> labels) {

  public static final String WORKER_PREFIX = "brigade-worker-";

  /**
   * @param workerName the v1 worker ID: the build Secret's name, which the worker pod takes too;
   *     {@code brigade-worker-<id>} for builds made by brig and gateways, anything for builds made
   *     by custom producers. Empty means the default.
   * @param labels the producer's own labels on the build Secret (not kubeherd's or v1's keys),
   *     which the worker pod copies (contract §3.3), e.g. {@code team=payments}; empty for builds
   *     made by kubeherd and for builds not stored as Secrets
   */
  public Build {
    workerName = workerName == null || workerName.isEmpty() ? WORKER_PREFIX + id : workerName;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /** A build without labels of its own. */
  public Build(
      String id, BuildRequest request, Instant createdAt, BuildStatus status, String workerName) {
    this(id, request, createdAt, status, workerName, Map.of());
  }

  /** A build stored under the default name {@code brigade-worker-<id>}. */
  public Build(String id, BuildRequest request, Instant createdAt, BuildStatus status) {
    this(id, request, createdAt, status, "");
  }

  public String projectId() {
    return request.projectId();
  }

  public Build withStatus(BuildStatus s) {
    return new Build(id, request, createdAt, s, workerName, labels);
  }
}
