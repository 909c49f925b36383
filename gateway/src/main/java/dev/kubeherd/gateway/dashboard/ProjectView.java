package dev.kubeherd.gateway.dashboard;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.model.CloneUrls;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A project as the read API shows it, without any secret value: the {@code secrets} key gives only
 * the names of the secrets, and every key that holds a credential (the webhook secrets, tokens,
 * keys, certificates, and any key whose name says secret, token, key, password or cert) is listed
 * by name under {@code redactedKeys}, its value left out. The {@code repository} and {@code
 * cloneURL} are shown without credentials ({@link CloneUrls#withoutCredentials}). Pure.
 */
final class ProjectView {
  private static final Set<String> CREDENTIALS =
      Set.of(
          ProjectKeys.SHARED_SECRET,
          ProjectKeys.GENERIC_GATEWAY_SECRET,
          ProjectKeys.GITHUB_TOKEN,
          ProjectKeys.SSH_KEY,
          ProjectKeys.SSH_CERT,
          ProjectKeys.REGISTRY_GATEWAY_TOKEN);
  private static final List<String> CREDENTIAL_WORDS =
      List.of("secret", "token", "key", "password", "passwd", "cert", "credential");

  private ProjectView() {}

  static Map<String, Object> of(Project project) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", project.id());
    view.put("name", project.name());
    view.put("namespace", project.namespace());
    view.put("repository", CloneUrls.withoutCredentials(project.repository()));
    view.put("cloneURL", CloneUrls.withoutCredentials(project.cloneUrl()));
    Map<String, String> settings = new TreeMap<>();
    List<String> redacted = new ArrayList<>();
    project
        .data()
        .forEach(
            (key, value) -> {
              if (key.equals(ProjectKeys.SECRETS)
                  || key.equals(ProjectKeys.REPOSITORY)
                  || key.equals(ProjectKeys.CLONE_URL)) {
                return;
              }
              if (isCredential(key)) {
                redacted.add(key);
              } else {
                settings.put(key, value);
              }
            });
    view.put("settings", settings);
    view.put("secretNames", secretNames(project.secretsJson()));
    view.put("redactedKeys", redacted);
    return view;
  }

  static boolean isCredential(String key) {
    if (CREDENTIALS.contains(key)) {
      return true;
    }
    String lower = key.toLowerCase(Locale.ROOT);
    return CREDENTIAL_WORDS.stream().anyMatch(lower::contains);
  }

  /** The names in the {@code secrets} JSON object; none when it is not an object. */
  private static List<String> secretNames(String json) {
    JsonNode parsed;
    try {
      parsed = Json.MAPPER.readTree(json);
    } catch (JacksonException e) {
      return List.of();
    }
    if (parsed == null || !parsed.isObject()) {
      return List.of();
    }
    return parsed.propertyNames().stream().sorted().toList();
  }
}
