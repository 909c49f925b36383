package dev.kubeherd.kube.job;

import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import java.util.Locale;
import java.util.Objects;

/**
 * What every job pod of one build shares: the project and the build's identity and event, as the v1
 * worker had them in its environment.
 *
 * @param project the build's project (its Secret name is the project ID)
 * @param buildId the build ULID ({@code BRIGADE_BUILD_ID}, label {@code build})
 * @param workerName the worker ID = build Secret name ({@code BRIGADE_BUILD_NAME}, label {@code
 *     worker})
 * @param namespace where job Secrets, pods and PVCs are created
 * @param commit the event's commit ({@code ""} if none)
 * @param ref the event's ref ({@code ""} if none)
 * @param eventProvider e.g. {@code github}
 * @param eventType e.g. {@code push}
 * @param cloneUrl the build's clone URL override ({@code ""} = the project's {@code cloneURL})
 * @param logLevel the build's log level name ({@code log}, {@code info}, ...; {@code ""} = log)
 * @param defaultServiceAccount {@code BRIGADE_SERVICE_ACCOUNT} ({@code ""} = {@code
 *     brigade-worker})
 * @param defaultCacheStorageClass {@code BRIGADE_DEFAULT_CACHE_STORAGE_CLASS} ({@code ""} = none)
 * @param defaultBuildStorageClass {@code BRIGADE_DEFAULT_BUILD_STORAGE_CLASS} ({@code ""} = none)
 */
public record JobPodContext(
    Project project,
    String buildId,
    String workerName,
    String namespace,
    String commit,
    String ref,
    String eventProvider,
    String eventType,
    String cloneUrl,
    String logLevel,
    String defaultServiceAccount,
    String defaultCacheStorageClass,
    String defaultBuildStorageClass) {

  /** The v1 worker service account, used when neither the job nor the build names one. */
  public static final String WORKER_SERVICE_ACCOUNT = "brigade-worker";

  public JobPodContext {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(buildId, "buildId");
    Objects.requireNonNull(workerName, "workerName");
    Objects.requireNonNull(namespace, "namespace");
    commit = orEmpty(commit);
    ref = orEmpty(ref);
    eventProvider = orEmpty(eventProvider);
    eventType = orEmpty(eventType);
    cloneUrl = orEmpty(cloneUrl);
    logLevel = orEmpty(logLevel);
    defaultServiceAccount = orEmpty(defaultServiceAccount);
    defaultCacheStorageClass = orEmpty(defaultCacheStorageClass);
    defaultBuildStorageClass = orEmpty(defaultBuildStorageClass);
  }

  /** The clone URL jobs check out: the build's override, else the project's {@code cloneURL}. */
  public String effectiveCloneUrl() {
    return cloneUrl.isEmpty() ? project.cloneUrl() : cloneUrl;
  }

  /** The log level as v1's enum name ({@code LOG}, {@code INFO}, ...). */
  public String logLevelName() {
    return logLevel.isEmpty() ? "LOG" : logLevel.toUpperCase(Locale.ROOT);
  }

  /** {@code BRIGADE_SERVICE_ACCOUNT}, else {@value #WORKER_SERVICE_ACCOUNT}. */
  public String serviceAccount() {
    return defaultServiceAccount.isEmpty() ? WORKER_SERVICE_ACCOUNT : defaultServiceAccount;
  }

  /**
   * The project name as v1 scripts see {@code project.name}: data {@code repository} if the key
   * exists, else the {@code projectName} annotation. Cache PVC names derive from it.
   */
  public String projectName() {
    return project.get(ProjectKeys.REPOSITORY).orElse(project.name());
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
