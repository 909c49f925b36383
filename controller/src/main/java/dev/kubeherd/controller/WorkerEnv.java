package dev.kubeherd.controller;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The environment of a worker container and its VCS init container, in the Brigade v1 order: 20
 * entries always, then {@code BRIGADE_SERVICE_ACCOUNT_REGEX} when a regex is configured, then
 * {@code BRIGADE_SCRIPT} / {@code BRIGADE_CONFIG} for relative project paths.
 */
final class WorkerEnv {
  static final String WORKSPACE = "/vcs";

  private WorkerEnv() {}

  static List<EnvVar> of(
      BuildSecretRef secret, Build build, Project project, WorkerPodConfig config) {
    List<EnvVar> env = new ArrayList<>();
    String cloneUrl = build.request().cloneUrl();
    add(env, "CI", "true");
    add(env, "BRIGADE_BUILD_ID", build.id());
    add(env, "BRIGADE_BUILD_NAME", secret.buildName());
    add(env, "BRIGADE_COMMIT_ID", build.request().revision().commit());
    add(env, "BRIGADE_COMMIT_REF", build.request().revision().ref());
    add(env, "BRIGADE_EVENT_PROVIDER", build.request().provider());
    add(env, "BRIGADE_EVENT_TYPE", build.request().type());
    add(env, "BRIGADE_PROJECT_ID", build.projectId());
    add(env, "BRIGADE_LOG_LEVEL", build.request().logLevel());
    add(env, "BRIGADE_REMOTE_URL", cloneUrl.isEmpty() ? project.cloneUrl() : cloneUrl);
    add(env, "BRIGADE_SUBMODULES", bool(project.flag(ProjectKeys.INIT_GIT_SUBMODULES, false)));
    add(env, "BRIGADE_WORKSPACE", WORKSPACE);
    add(env, "BRIGADE_PROJECT_NAMESPACE", secret.namespace());
    add(env, "BRIGADE_SERVICE_ACCOUNT", JobServiceAccounts.effective(project, config));
    add(env, "BRIGADE_SECRET_KEY_REF", bool(project.flag(ProjectKeys.ALLOW_SECRET_KEY_REF, false)));
    env.add(projectSecretRef("BRIGADE_REPO_KEY", project, ProjectKeys.SSH_KEY));
    env.add(projectSecretRef("BRIGADE_REPO_SSH_CERT", project, ProjectKeys.SSH_CERT));
    env.add(projectSecretRef("BRIGADE_REPO_AUTH_TOKEN", project, ProjectKeys.GITHUB_TOKEN));
    add(env, "BRIGADE_DEFAULT_BUILD_STORAGE_CLASS", config.defaultBuildStorageClass());
    add(env, "BRIGADE_DEFAULT_CACHE_STORAGE_CLASS", config.defaultCacheStorageClass());
    if (!config.serviceAccountRegex().isEmpty()) {
      add(env, "BRIGADE_SERVICE_ACCOUNT_REGEX", config.serviceAccountRegex());
    }
    relativePath(project, ProjectKeys.BRIGADEJS_PATH).ifPresent(p -> add(env, "BRIGADE_SCRIPT", p));
    relativePath(project, ProjectKeys.BRIGADE_CONFIG_PATH)
        .ifPresent(p -> add(env, "BRIGADE_CONFIG", p));
    return env;
  }

  /** Project path settings that are absolute and therefore ignored, as {@code key=value}. */
  static List<String> ignoredAbsolutePaths(Project project) {
    List<String> ignored = new ArrayList<>();
    for (String key : List.of(ProjectKeys.BRIGADEJS_PATH, ProjectKeys.BRIGADE_CONFIG_PATH)) {
      String p = project.value(key);
      if (p.startsWith("/")) {
        ignored.add(key + "=" + p);
      }
    }
    return ignored;
  }

  private static Optional<String> relativePath(Project project, String key) {
    String p = project.value(key);
    if (p.isEmpty() || p.startsWith("/")) {
      return Optional.empty();
    }
    return Optional.of(WORKSPACE + "/" + p);
  }

  private static EnvVar projectSecretRef(String name, Project project, String key) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(project.id())
        .withKey(key)
        .withOptional(true)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }

  private static void add(List<EnvVar> env, String name, String value) {
    env.add(new EnvVar(name, value, null));
  }

  private static String bool(boolean b) {
    return Boolean.toString(b);
  }
}
