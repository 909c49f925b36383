package dev.kubeherd.worker.run;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The script's {@code process.env}: {@code CI} and the {@code BRIGADE_*} variables of the v1 worker
 * pod (contract §3.3) that describe the build, derived from the build and its project so that every
 * mode (worker pod, pool, local) shows the same. Never the host's environment, never credentials
 * (v1's {@code BRIGADE_REPO_KEY}/{@code _SSH_CERT}/{@code _AUTH_TOKEN}), and not the controller's
 * settings (service account, storage classes, regex, {@code BRIGADE_WORKSPACE}, script and config
 * paths), which only a worker pod's controller knows.
 */
final class ScriptEnv {
  private ScriptEnv() {}

  static Map<String, String> of(Build build, Project project) {
    var r = build.request();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CI", "true");
    env.put("BRIGADE_BUILD_ID", build.id());
    env.put("BRIGADE_BUILD_NAME", build.workerName());
    env.put("BRIGADE_COMMIT_ID", r.revision().commit());
    env.put("BRIGADE_COMMIT_REF", r.revision().ref());
    env.put("BRIGADE_EVENT_PROVIDER", r.provider());
    env.put("BRIGADE_EVENT_TYPE", r.type());
    env.put("BRIGADE_PROJECT_ID", project.id());
    env.put("BRIGADE_LOG_LEVEL", r.logLevel());
    env.put("BRIGADE_REMOTE_URL", r.cloneUrl().isEmpty() ? project.cloneUrl() : r.cloneUrl());
    env.put(
        "BRIGADE_SUBMODULES", String.valueOf(project.flag(ProjectKeys.INIT_GIT_SUBMODULES, false)));
    env.put(
        "BRIGADE_PROJECT_NAMESPACE",
        project.namespace().isEmpty() ? "default" : project.namespace());
    env.put(
        "BRIGADE_SECRET_KEY_REF",
        String.valueOf(project.flag(ProjectKeys.ALLOW_SECRET_KEY_REF, false)));
    return Collections.unmodifiableMap(env);
  }
}
