package dev.kubeherd.cli.project;

import dev.kubeherd.cli.CliException;
import dev.kubeherd.cli.output.TextFiles;
import dev.kubeherd.core.model.ProjectKeys;
import java.nio.file.Path;
import java.util.Map;

/** The advanced settings of {@code brig project create}'s questions; empty answers unset a key. */
final class AdvancedQuestions {
  private final Prompter ask;

  AdvancedQuestions(Prompter ask) {
    this.ask = ask;
  }

  void ask(Map<String, String> d) {
    text(d, ProjectKeys.BUILD_STORAGE_SIZE, "Build storage size");
    flag(d, ProjectKeys.ALLOW_SECRET_KEY_REF, "Allow secretKeyRef in job env?", false);
    text(d, "serviceAccount", "Service account for job pods");
    text(d, ProjectKeys.BUILD_STORAGE_CLASS, "Build storage class (empty: cluster default)");
    text(d, ProjectKeys.CACHE_STORAGE_CLASS, "Job cache storage class (empty: cluster default)");
    String sidecar =
        ask.text(
            "VCS sidecar image (NONE for no clone)", d.getOrDefault(ProjectKeys.VCS_SIDECAR, ""));
    d.put(ProjectKeys.VCS_SIDECAR, sidecar.equals("NONE") ? "" : sidecar);
    text(d, "worker.registry", "Worker image registry");
    text(d, "worker.name", "Worker image name");
    text(d, "worker.tag", "Worker image tag");
    text(d, "worker.pullPolicy", "Worker image pull policy");
    text(d, "workerCommand", "Worker command");
    flag(d, ProjectKeys.ALLOW_HOST_MOUNTS, "Allow host mounts (docker socket, hostPath)?", false);
    flag(d, ProjectKeys.ALLOW_PRIVILEGED_JOBS, "Allow privileged jobs?", false);
    text(d, "imagePullSecrets", "Image pull secrets for the worker (comma separated)");
    flag(d, ProjectKeys.INIT_GIT_SUBMODULES, "Initialize git submodules?", false);
    relative(d, ProjectKeys.BRIGADEJS_PATH, "brigade.js path in the repository");
    relative(d, ProjectKeys.BRIGADE_CONFIG_PATH, "brigade.json path in the repository");
    String script = ask.text("Upload a default brigade.js from file (path, optional)", "");
    if (!script.isEmpty()) {
      d.put(ProjectKeys.DEFAULT_SCRIPT, TextFiles.read(Path.of(script), "brigade.js"));
    }
    String generic = ask.text("Generic gateway secret (letters and digits; empty: random)", "");
    if (!generic.isEmpty() && !generic.matches("[A-Za-z0-9]+")) {
      throw new CliException("the generic gateway secret must be letters and digits only");
    }
    d.put(
        ProjectKeys.GENERIC_GATEWAY_SECRET,
        generic.isEmpty() ? ProjectQuestions.random(5) : generic);
  }

  private void text(Map<String, String> d, String key, String question) {
    ProjectQuestions.put(d, key, ask.text(question, d.getOrDefault(key, "")));
  }

  private void flag(Map<String, String> d, String key, String question, boolean whenAbsent) {
    boolean current = d.containsKey(key) ? "true".equals(d.get(key)) : whenAbsent;
    d.put(key, String.valueOf(ask.yesNo(question, current)));
  }

  private void relative(Map<String, String> d, String key, String question) {
    String p = ask.text(question + " (relative, optional)", d.getOrDefault(key, ""));
    if (p.startsWith("/")) {
      throw new CliException(question + " must be relative to the repository root, not " + p);
    }
    ProjectQuestions.put(d, key, p);
  }
}
