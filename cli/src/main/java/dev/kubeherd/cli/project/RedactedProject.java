package dev.kubeherd.cli.project;

import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.core.secret.DocumentFormat;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A project as {@code brig project list -o json} shows it: every setting, except that the values of
 * {@code secrets} read {@code REDACTED} and the webhook secret, GitHub token, SSH key and
 * certificate and our registry gateway token are left out ({@code genericGatewaySecret} stays, as
 * in v1).
 */
final class RedactedProject {
  static final String REDACTED = "REDACTED";
  private static final Set<String> OMITTED =
      Set.of(
          ProjectKeys.SHARED_SECRET,
          ProjectKeys.GITHUB_TOKEN,
          ProjectKeys.SSH_KEY,
          ProjectKeys.SSH_CERT,
          ProjectKeys.REGISTRY_GATEWAY_TOKEN);

  private RedactedProject() {}

  static ObjectNode of(Project project) {
    ObjectNode node = DocumentFormat.object();
    node.put("id", project.id());
    node.put("name", project.name());
    node.put("namespace", project.namespace());
    for (Map.Entry<String, String> e : project.data().entrySet()) {
      if (e.getKey().equals(ProjectKeys.SECRETS)) {
        node.set(ProjectKeys.SECRETS, redactedSecrets(e.getValue()));
      } else if (!OMITTED.contains(e.getKey())) {
        node.put(e.getKey(), e.getValue());
      }
    }
    return node;
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
    parsed.properties().forEach(e -> out.put(e.getKey(), REDACTED));
    return out;
  }
}
