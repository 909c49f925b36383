package dev.kubeherd.worker.kube;

import dev.kubeherd.core.KubeherdException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a worker pod is told through its environment (the v1 worker contract, set by the
 * controller): which build, which project, where the checkout goes, and the job pod defaults.
 *
 * @param buildId {@code BRIGADE_BUILD_ID}, the build's ULID (required)
 * @param buildName {@code BRIGADE_BUILD_NAME}, the build Secret / worker pod name
 * @param projectId {@code BRIGADE_PROJECT_ID} (required)
 * @param namespace {@code BRIGADE_PROJECT_NAMESPACE}, default {@code default}
 * @param workspace {@code BRIGADE_WORKSPACE}, where the source is (or is put), default {@code /vcs}
 * @param serviceAccount {@code BRIGADE_SERVICE_ACCOUNT}, job pods' default service account
 * @param buildStorageClass {@code BRIGADE_DEFAULT_BUILD_STORAGE_CLASS}
 * @param cacheStorageClass {@code BRIGADE_DEFAULT_CACHE_STORAGE_CLASS}
 */
public record WorkerEnv(
    String buildId,
    String buildName,
    String projectId,
    String namespace,
    Path workspace,
    String serviceAccount,
    String buildStorageClass,
    String cacheStorageClass) {

  public static WorkerEnv from(Map<String, String> env) {
    String buildId = required(env, "BRIGADE_BUILD_ID");
    String projectId = required(env, "BRIGADE_PROJECT_ID");
    return new WorkerEnv(
        buildId,
        env.getOrDefault("BRIGADE_BUILD_NAME", ""),
        projectId,
        orDefault(env, "BRIGADE_PROJECT_NAMESPACE", "default"),
        Path.of(orDefault(env, "BRIGADE_WORKSPACE", "/vcs")),
        env.getOrDefault("BRIGADE_SERVICE_ACCOUNT", ""),
        env.getOrDefault("BRIGADE_DEFAULT_BUILD_STORAGE_CLASS", ""),
        env.getOrDefault("BRIGADE_DEFAULT_CACHE_STORAGE_CLASS", ""));
  }

  /** The job pod defaults this environment sets. */
  public JobPodDefaults jobPods() {
    return new JobPodDefaults(namespace, serviceAccount, buildStorageClass, cacheStorageClass);
  }

  private static String required(Map<String, String> env, String name) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      throw new KubeherdException(
          "Missing required env "
              + name
              + "; the controller sets it on worker pods (is this a worker pod it created?)");
    }
    return v;
  }

  private static String orDefault(Map<String, String> env, String name, String fallback) {
    String v = env.get(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
