package dev.kubeherd.worker.run;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.worker.job.ProjectSecretsJson;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the JSON of the {@code BrigadeEvent} and {@code Project} handed to brigade.js, with v1.5
 * field names and quirks: {@code payload} an unparsed string, {@code name}/{@code repo.name}
 * swapped, {@code allowPrivilegedJobs} true when absent, {@code sharedSecret} never exposed.
 */
public final class EventJson {
  private static final JsonMapper JSON = Json.MAPPER;

  private EventJson() {}

  public static String event(Build build, Project project) {
    var r = build.request();
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("buildID", build.id());
    e.put("workerID", build.workerName());
    e.put("type", r.type().isEmpty() ? "ping" : r.type());
    e.put("provider", r.provider().isEmpty() ? "unknown" : r.provider());
    e.put("revision", Map.of("commit", r.revision().commit(), "ref", r.revision().ref()));
    e.put("cloneURL", r.cloneUrl().isEmpty() ? project.cloneUrl() : r.cloneUrl());
    e.put("payload", r.payload());
    e.put("logLevel", logLevelNumber(r.logLevel()));
    e.put("shortTitle", r.shortTitle());
    e.put("longTitle", r.longTitle());
    return JSON.writeValueAsString(e);
  }

  public static String project(Project p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", p.id());
    m.put("name", p.get(ProjectKeys.REPOSITORY).orElse(p.name()));
    if (p.get(ProjectKeys.REPOSITORY).isPresent()) {
      m.put("repo", repo(p));
    }
    m.put("kubernetes", kubernetes(p));
    m.put("secrets", ProjectSecretsJson.parse(p));
    m.put("allowPrivilegedJobs", p.flag(ProjectKeys.ALLOW_PRIVILEGED_JOBS, true));
    m.put("allowHostMounts", p.flag(ProjectKeys.ALLOW_HOST_MOUNTS, false));
    return JSON.writeValueAsString(m);
  }

  private static Map<String, Object> repo(Project p) {
    Map<String, Object> repo = new LinkedHashMap<>();
    repo.put("name", p.name());
    repo.put("cloneURL", p.cloneUrl().isEmpty() ? null : p.cloneUrl());
    repo.put("initGitSubmodules", p.flag(ProjectKeys.INIT_GIT_SUBMODULES, false));
    p.get(ProjectKeys.SSH_KEY).ifPresent(v -> repo.put("sshKey", v));
    p.get(ProjectKeys.SSH_CERT).ifPresent(v -> repo.put("sshCert", v));
    p.get(ProjectKeys.GITHUB_TOKEN).ifPresent(v -> repo.put("token", v));
    return repo;
  }

  private static Map<String, Object> kubernetes(Project p) {
    Map<String, Object> k = new LinkedHashMap<>();
    k.put("namespace", p.namespace().isEmpty() ? "default" : p.namespace());
    k.put("vcsSidecar", p.value(ProjectKeys.VCS_SIDECAR));
    k.put("buildStorageSize", p.get(ProjectKeys.BUILD_STORAGE_SIZE).orElse("50Mi"));
    k.put("cacheStorageClass", p.value(ProjectKeys.CACHE_STORAGE_CLASS));
    k.put("buildStorageClass", p.value(ProjectKeys.BUILD_STORAGE_CLASS));
    k.put("vcsSidecarResourcesLimitsCPU", p.value(ProjectKeys.VCS_LIMITS_CPU));
    k.put("vcsSidecarResourcesLimitsMemory", p.value(ProjectKeys.VCS_LIMITS_MEMORY));
    k.put("vcsSidecarResourcesRequestsCPU", p.value(ProjectKeys.VCS_REQUESTS_CPU));
    k.put("vcsSidecarResourcesRequestsMemory", p.value(ProjectKeys.VCS_REQUESTS_MEMORY));
    return k;
  }

  /** v1's numeric log level: ALL=0, LOG=1, INFO=2, WARN=3, ERROR=4, NONE=5; empty means LOG. */
  static int logLevelNumber(String level) {
    return switch (level.toUpperCase(Locale.ROOT)) {
      case "ALL" -> 0;
      case "INFO" -> 2;
      case "WARN" -> 3;
      case "ERROR" -> 4;
      case "NONE" -> 5;
      default -> 1;
    };
  }
}
