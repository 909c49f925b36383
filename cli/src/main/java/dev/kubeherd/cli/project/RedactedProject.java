package dev.kubeherd.cli.project;

import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.core.secret.DocumentFormat;
import java.util.Locale;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A project as {@code brig project list -o json} shows it: brig v1.5's {@code brigade.Project}
 * object, mapped from the Secret's keys as v1's Go store read them (contract §5.3, §7.1), fields in
 * v1's order.
 *
 * <ul>
 *   <li>{@code repo.name} is {@code repository}, else the project name; {@code
 *       kubernetes.namespace} is the {@code namespace} key, else the Secret's namespace; {@code
 *       kubernetes.buildStorageSize} defaults to {@code 50Mi};
 *   <li>{@code initGitSubmodules}, {@code allowPrivilegedJobs} (true when unset), {@code
 *       allowHostMounts} and {@code kubernetes.allowSecretKeyRef} are JSON booleans ({@code "true"}
 *       in any case is true; empty or absent takes the default);
 *   <li>every value of {@code secrets} reads {@code REDACTED} (keys sorted, as Go wrote maps); a
 *       {@code secrets} value that is not a JSON object shows as the string {@code REDACTED};
 *   <li>{@code sharedSecret}, {@code github.token}, {@code sshKey} and {@code sshCert} are left out
 *       as in v1, and so are our {@code kubeherd.*} keys (the registry gateway token among them);
 *       {@code genericGatewaySecret} stays, as in v1. {@code brig project get} shows every key.
 * </ul>
 *
 * <p>One deliberate difference: {@code brigadeConfigPath} shows the stored value; v1's store did
 * not read it back, so it was always empty.
 */
final class RedactedProject {
  static final String REDACTED = "REDACTED";
  static final String DEFAULT_BUILD_STORAGE_SIZE = "50Mi";

  private RedactedProject() {}

  static ObjectNode of(Project p) {
    ObjectNode node = DocumentFormat.object();
    node.put("id", p.id());
    node.put("name", p.name());
    ObjectNode repo = node.putObject("repo");
    repo.put("name", orElse(p.value(ProjectKeys.REPOSITORY), p.name()));
    repo.put("cloneURL", p.value(ProjectKeys.CLONE_URL));
    strings(node, p, "defaultScript", "defaultScriptName", "defaultConfig", "defaultConfigName");
    node.set("kubernetes", kubernetes(p));
    ObjectNode github = node.putObject("github");
    github.put("baseURL", p.value(ProjectKeys.GITHUB_BASE_URL));
    github.put("uploadURL", p.value("github.uploadURL"));
    node.set("secrets", redactedSecrets(p.value(ProjectKeys.SECRETS)));
    ObjectNode worker = node.putObject("worker");
    for (String k : new String[] {"registry", "name", "tag", "pullPolicy"}) {
      worker.put(k, p.value("worker." + k));
    }
    node.put("initGitSubmodules", bool(p, ProjectKeys.INIT_GIT_SUBMODULES, false));
    node.put("allowPrivilegedJobs", bool(p, ProjectKeys.ALLOW_PRIVILEGED_JOBS, true));
    node.put("allowHostMounts", bool(p, ProjectKeys.ALLOW_HOST_MOUNTS, false));
    strings(
        node,
        p,
        "imagePullSecrets",
        "workerCommand",
        ProjectKeys.BRIGADEJS_PATH,
        ProjectKeys.BRIGADE_CONFIG_PATH,
        ProjectKeys.GENERIC_GATEWAY_SECRET);
    return node;
  }

  private static ObjectNode kubernetes(Project p) {
    ObjectNode k = DocumentFormat.object();
    k.put("namespace", orElse(p.value("namespace"), p.namespace()));
    k.put("vcsSidecar", p.value(ProjectKeys.VCS_SIDECAR));
    k.put(
        "buildStorageSize",
        orElse(p.value(ProjectKeys.BUILD_STORAGE_SIZE), DEFAULT_BUILD_STORAGE_SIZE));
    k.put("buildStorageClass", p.value(ProjectKeys.BUILD_STORAGE_CLASS));
    k.put("cacheStorageClass", p.value(ProjectKeys.CACHE_STORAGE_CLASS));
    k.put("allowSecretKeyRef", bool(p, ProjectKeys.ALLOW_SECRET_KEY_REF, false));
    k.put("serviceAccount", p.value("serviceAccount"));
    return k;
  }

  private static void strings(ObjectNode node, Project p, String... keys) {
    for (String key : keys) {
      node.put(key, p.value(key));
    }
  }

  /** v1's reading: empty or absent takes the default, else {@code "true"} ignoring case. */
  private static boolean bool(Project p, String key, boolean whenUnset) {
    String v = p.value(key);
    return v.isEmpty() ? whenUnset : v.toLowerCase(Locale.ROOT).equals("true");
  }

  private static String orElse(String value, String fallback) {
    return value.isEmpty() ? fallback : value;
  }

  private static JsonNode redactedSecrets(String json) {
    ObjectNode out = DocumentFormat.object();
    if (json.isBlank()) {
      return out;
    }
    JsonNode parsed;
    try {
      parsed = DocumentFormat.JSON.parse(json);
    } catch (JacksonException e) {
      return out.stringNode(REDACTED);
    }
    if (parsed == null || !parsed.isObject()) {
      return out.stringNode(REDACTED);
    }
    new TreeSet<>(parsed.propertyNames()).forEach(k -> out.put(k, REDACTED));
    return out;
  }
}
