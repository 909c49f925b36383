package dev.kubeherd.toolkit.pipeline;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.ProjectKeys;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One namespace's pipeline: the engine's namespace and the project's settings, as {@code brigadm
 * init} resolved them. Secret values (SSH key, token, shared secret) live only in memory.
 *
 * @param repository {@code org/repo}
 * @param name the project name (default: the repository)
 * @param scriptPath the repository-relative script path ({@code brigadejsPath}), if not {@code
 *     brigade.js}
 * @param env project settings for the pipeline scripts ({@code CLUSTER}, {@code ENV}); stored with
 *     the secrets, read by scripts as {@code project.secrets.NAME}
 */
public record PipelineSpec(
    String namespace,
    String repository,
    String name,
    Optional<String> sshKey,
    Optional<String> defaultScript,
    Optional<String> scriptPath,
    Map<String, String> secrets,
    Map<String, String> env,
    Optional<String> githubToken,
    Optional<String> sharedSecret) {

  /**
   * The init image that clones the build's revision into worker and job pods, with the project's
   * key: the kubeherd-project chart's default. Without it job pods get no checkout at {@code /src}
   * and the worker clones without the deploy key.
   */
  public static final String VCS_SIDECAR = "brigadecore/git-sidecar:v1.5.0";

  public PipelineSpec {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(repository, "repository");
    name = name == null || name.isBlank() ? repository : name;
    secrets = Map.copyOf(secrets);
    env = Map.copyOf(env);
  }

  /** The v1 project ID of {@link #name}. */
  public String projectId() {
    return ProjectIds.fromName(name);
  }

  /** The SSH clone URL with a key, else the HTTPS one. */
  public String cloneUrl() {
    return sshKey.isPresent()
        ? "git@github.com:" + repository + ".git"
        : "https://github.com/" + repository + ".git";
  }

  /** The Brigade v1 project this spec stands for (pure). */
  public Project toProject() {
    Map<String, String> data = new HashMap<>();
    data.put(ProjectKeys.REPOSITORY, "github.com/" + repository);
    data.put(ProjectKeys.CLONE_URL, cloneUrl());
    data.put(ProjectKeys.VCS_SIDECAR, VCS_SIDECAR);
    data.put(ProjectKeys.SECRETS, Json.MAPPER.writeValueAsString(scriptSecrets()));
    sshKey.ifPresent(
        k -> {
          data.put(ProjectKeys.SSH_KEY, k);
          data.put(ProjectKeys.SSH_CERT, ""); // job pods' vcs-sidecar reads both, as in v1
        });
    defaultScript.ifPresent(s -> data.put(ProjectKeys.DEFAULT_SCRIPT, s));
    scriptPath.ifPresent(s -> data.put(ProjectKeys.BRIGADEJS_PATH, s));
    githubToken.ifPresent(t -> data.put(ProjectKeys.GITHUB_TOKEN, t));
    sharedSecret.ifPresent(s -> data.put(ProjectKeys.SHARED_SECRET, s));
    if (!env.isEmpty()) {
      // settings, not secrets: logs keep them readable (ENV=test would mask "latest" as "la***")
      data.put(ProjectKeys.PLAIN_SECRETS, String.join(",", new TreeMap<>(env).keySet()));
    }
    return new Project(projectId(), name, namespace, data);
  }

  private Map<String, String> scriptSecrets() {
    Map<String, String> all = new TreeMap<>(env);
    secrets.forEach(
        (k, v) -> {
          if (all.containsKey(k)) {
            throw new PipelineInputException(
                "--secret " + k + " and --env " + k + " name the same project setting; rename one");
          }
          all.put(k, v);
        });
    return all;
  }
}
