package dev.kubeherd.core.model;

import java.time.Instant;

/**
 * A stored build: the v1 "event" (build secret) plus its status. {@code id} is the lower-case ULID;
 * {@link #workerName()} is {@code brigade-worker-<id>}, the v1 build secret / worker pod name.
 */
public record Build(String id, BuildRequest request, Instant createdAt, BuildStatus status) {

  public static final String WORKER_PREFIX = "brigade-worker-";

  public String projectId() {
    return request.projectId();
  }

  public String workerName() {
    return WORKER_PREFIX + id;
  }

  public Build withStatus(BuildStatus s) {
    return new Build(id, request, createdAt, s);
  }
}
