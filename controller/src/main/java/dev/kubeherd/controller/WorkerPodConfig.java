package dev.kubeherd.controller;

import java.util.Objects;

/**
 * The controller settings that shape a worker pod (Brigade v1 §3.1 plus the default command).
 * Commands are kept as written: {@link WorkerPodFactory} splits them on single spaces, as v1 did.
 *
 * @param image the worker image, {@code name[:tag]}
 * @param command the controller's worker command; empty = {@code defaultCommand}
 * @param defaultCommand the command when neither the controller nor the project sets one
 * @param serviceAccountRegex what job service accounts must match; empty = not checked
 */
public record WorkerPodConfig(
    String image,
    String command,
    String defaultCommand,
    String pullPolicy,
    String workerServiceAccount,
    String projectServiceAccount,
    String serviceAccountRegex,
    WorkerResources resources,
    String defaultBuildStorageClass,
    String defaultCacheStorageClass) {

  public WorkerPodConfig {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(defaultCommand, "defaultCommand");
    Objects.requireNonNull(pullPolicy, "pullPolicy");
    Objects.requireNonNull(workerServiceAccount, "workerServiceAccount");
    Objects.requireNonNull(projectServiceAccount, "projectServiceAccount");
    Objects.requireNonNull(serviceAccountRegex, "serviceAccountRegex");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(defaultBuildStorageClass, "defaultBuildStorageClass");
    Objects.requireNonNull(defaultCacheStorageClass, "defaultCacheStorageClass");
  }

  /** Requests and limits as written ({@code 500m}, {@code 1Gi}); empty = not set. */
  public record WorkerResources(
      String requestsCpu, String requestsMemory, String limitsCpu, String limitsMemory) {
    public static final WorkerResources NONE = new WorkerResources("", "", "", "");

    public WorkerResources {
      requestsCpu = requestsCpu == null ? "" : requestsCpu.trim();
      requestsMemory = requestsMemory == null ? "" : requestsMemory.trim();
      limitsCpu = limitsCpu == null ? "" : limitsCpu.trim();
      limitsMemory = limitsMemory == null ? "" : limitsMemory.trim();
    }
  }
}
