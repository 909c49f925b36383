package dev.kubeherd.worker.job;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.model.Project;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;

/** Reads a project's {@code secrets} value, the one place the worker parses it. */
public final class ProjectSecretsJson {
  private ProjectSecretsJson() {}

  /**
   * The project's secrets as JSON ({@code {}} when it has none).
   *
   * @throws InvalidProjectSecretsException saying where the value stops being JSON; the parser's
   *     own message is dropped as it quotes the offending text, which may be a secret
   */
  public static JsonNode parse(Project project) {
    try {
      return Json.MAPPER.readTree(project.secretsJson());
    } catch (JacksonException e) {
      throw new InvalidProjectSecretsException(
          "project secrets is not valid JSON"
              + where(e.getLocation())
              + ": fix the project's secrets (brig project create, or the 'secrets' key of the"
              + " project's Secret with kubectl); it must be a JSON object such as"
              + " {\"NAME\": \"value\"}");
    }
  }

  private static String where(TokenStreamLocation at) {
    if (at == null || at.getLineNr() < 1) {
      return "";
    }
    return " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }
}
