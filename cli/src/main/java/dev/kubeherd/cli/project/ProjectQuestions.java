package dev.kubeherd.cli.project;

import dev.kubeherd.cli.CliException;
import dev.kubeherd.cli.output.TextFiles;
import dev.kubeherd.core.Json;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.ProjectKeys;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The questions {@code brig project create} asks when no file is given, in brig v1's order: kind of
 * project, name, repository and clone URL, SSH key, secrets, shared secret, GitHub token, then the
 * advanced settings. Starts from a base project (v1's defaults or {@code --from-project}); with
 * prompts off, the base with the name applied is the answer.
 */
final class ProjectQuestions {
  static final String DEFAULT_NAME = "brigadecore/empty-testbed";
  static final String DEFAULT_SIDECAR = "brigadecore/git-sidecar:latest";
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Prompter ask;

  ProjectQuestions(Prompter ask) {
    this.ask = ask;
  }

  /** v1's defaults for a new project. */
  static Project defaults(String namespace) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put(ProjectKeys.REPOSITORY, "github.com/" + DEFAULT_NAME);
    d.put(ProjectKeys.CLONE_URL, "https://github.com/" + DEFAULT_NAME + ".git");
    d.put(ProjectKeys.VCS_SIDECAR, DEFAULT_SIDECAR);
    d.put("worker.pullPolicy", "IfNotPresent");
    d.put(ProjectKeys.ALLOW_PRIVILEGED_JOBS, "false");
    d.put(ProjectKeys.ALLOW_HOST_MOUNTS, "false");
    d.put(ProjectKeys.BUILD_STORAGE_SIZE, "50Mi");
    d.put(ProjectKeys.SECRETS, "{}");
    return new Project(ProjectIds.fromName(DEFAULT_NAME), DEFAULT_NAME, namespace, d);
  }

  Project ask(Project base) {
    Map<String, String> d = new LinkedHashMap<>(base.data());
    boolean vcs = ask.choose("VCS or no-VCS project?", List.of("VCS", "no-VCS")).equals("VCS");
    String name = ask.required("Project name", base.name());
    if (!name.equals(base.name())) {
      d.put(ProjectKeys.REPOSITORY, "github.com/" + name);
      d.put(ProjectKeys.CLONE_URL, "https://github.com/" + name + ".git");
    }
    if (vcs) {
      repository(d, name);
    } else {
      d.put(ProjectKeys.VCS_SIDECAR, "");
      String script = ask.text("Path to the default brigade.js (required without VCS)", "");
      while (script.isEmpty()) {
        script = ask.text("A project without VCS needs a default script; path to brigade.js", "");
      }
      d.put(ProjectKeys.DEFAULT_SCRIPT, TextFiles.read(Path.of(script), "brigade.js"));
    }
    secrets(d, base);
    sharedSecret(d);
    put(
        d,
        ProjectKeys.GITHUB_TOKEN,
        ask.text("GitHub token (optional)", d.getOrDefault(ProjectKeys.GITHUB_TOKEN, "")));
    if (ask.yesNo("Configure advanced options?", false)) {
      new AdvancedQuestions(ask).ask(d);
    }
    return new Project(ProjectIds.fromName(name), name, base.namespace(), d);
  }

  /** Repository (v1's default when the key is missing: the project name) and clone URL. */
  private void repository(Map<String, String> d, String name) {
    d.put(
        ProjectKeys.REPOSITORY,
        ask.text("Full repository name", d.getOrDefault(ProjectKeys.REPOSITORY, name)));
    String url = ask.text("Clone URL", d.getOrDefault(ProjectKeys.CLONE_URL, ""));
    d.put(ProjectKeys.CLONE_URL, url);
    if (!url.startsWith("http://") && !url.startsWith("https://") && !url.isEmpty()) {
      String key = ask.text("Path to the SSH private key for " + url + " (optional)", "");
      if (!key.isEmpty()) {
        d.put(ProjectKeys.SSH_KEY, TextFiles.read(Path.of(key), "SSH key").replace("\n", "$"));
        // job pods' vcs-sidecar reads the key and the cert from the project Secret, as in v1
        d.put(ProjectKeys.SSH_CERT, "");
      }
    }
  }

  /**
   * The base project's {@code secrets} to edit; JSON {@code null} is none (v1's store read it as an
   * empty map). Any other value that is not a JSON object cannot be edited key by key, so it is an
   * error that names the project (never the value, which may be secret).
   */
  static ObjectNode secretsOf(Project base) {
    JsonNode parsed;
    try {
      parsed = Json.MAPPER.readTree(base.secretsJson());
    } catch (JacksonException e) {
      parsed = null;
    }
    if (parsed instanceof ObjectNode object) {
      return object;
    }
    if (parsed != null && parsed.isNull()) {
      return Json.MAPPER.createObjectNode();
    }
    throw new CliException(
        "the \""
            + ProjectKeys.SECRETS
            + "\" key of project "
            + base.id()
            + (base.name().isEmpty() ? "" : " (" + base.name() + ")")
            + " is not a JSON object of secret names and values, so its secrets cannot be edited;"
            + " fix it in the project Secret (brig project get, then brig project create -r -f FILE)"
            + " or start without --from-project");
  }

  /** Only when the user edits them are the base's secrets read: otherwise they are kept as-is. */
  private void secrets(Map<String, String> d, Project base) {
    if (!ask.yesNo("Add secrets?", false)) {
      return;
    }
    ObjectNode secrets = secretsOf(base);
    while (true) {
      String key = ask.text("Secret name (empty to finish)", "");
      if (key.isEmpty()) {
        break;
      }
      String value = ask.text("Value of " + key + " (- removes it)", "");
      if (value.equals("-")) {
        secrets.remove(key);
      } else {
        secrets.put(key, value);
      }
    }
    d.put(ProjectKeys.SECRETS, Json.MAPPER.writeValueAsString(secrets));
  }

  private void sharedSecret(Map<String, String> d) {
    String how =
        ask.choose(
            "Where should the webhook shared secret come from?",
            List.of("Auto-generate", "Specify", "None"));
    switch (how) {
      case "Auto-generate" -> d.put(ProjectKeys.SHARED_SECRET, random(24));
      case "Specify" -> d.put(ProjectKeys.SHARED_SECRET, ask.text("Shared secret", ""));
      default -> d.remove(ProjectKeys.SHARED_SECRET);
    }
  }

  static String random(int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(ALNUM.charAt(RANDOM.nextInt(ALNUM.length())));
    }
    return sb.toString();
  }

  static void put(Map<String, String> d, String key, String value) {
    if (value.isEmpty()) {
      d.remove(key);
    } else {
      d.put(key, value);
    }
  }
}
