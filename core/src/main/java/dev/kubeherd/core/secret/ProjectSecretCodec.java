package dev.kubeherd.core.secret;

import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes Brigade v1 project Secrets (the documents {@code brig project create -f} accepts
 * and {@code brig project get} prints). Pure: text in, {@link Project} out, and back.
 *
 * <p>Reading: {@code metadata.name} is required and becomes the project ID unchanged; {@code
 * metadata.namespace} the namespace; annotation {@code projectName} the name; {@code data} values
 * are base64; {@code stringData} values are plain and win over {@code data}. A non-string {@code
 * stringData} value (such as a nested {@code secrets} map) is stored as its compact JSON text,
 * scalars as their text.
 */
public final class ProjectSecretCodec {
  public static final String SECRET_TYPE = "brigade.sh/project";
  public static final String NAME_ANNOTATION = "projectName";

  /** Parses a Secret in YAML or JSON (detected from the text). */
  public Project read(String text) {
    JsonNode root = parseRoot(text);
    JsonNode metadata = root.path("metadata");
    String id = requiredName(metadata);
    checkKind(root);
    Map<String, String> data = new LinkedHashMap<>(decodeData(root.path("data")));
    data.putAll(plainStringData(root.path("stringData")));
    String name = metadata.path("annotations").path(NAME_ANNOTATION).asString("");
    String namespace = metadata.path("namespace").asString("");
    return new Project(id, name, namespace, data);
  }

  /** The project as a v1 Secret document, values base64 in {@code data}. */
  public String write(Project project, DocumentFormat format) {
    return format.render(toSecret(project));
  }

  /**
   * The project as {@code brig project get} prints it: the v1 Secret with every value in clear text
   * under {@code stringData} (no {@code data}), which {@link #read} accepts back.
   */
  public String writeClear(Project project, DocumentFormat format) {
    ObjectNode secret = toSecret(project);
    secret.remove("data");
    ObjectNode stringData = secret.putObject("stringData");
    project.data().forEach(stringData::put);
    return format.render(secret);
  }

  /** The project as a v1 Secret tree. */
  public ObjectNode toSecret(Project project) {
    ObjectNode secret = DocumentFormat.object();
    secret.put("apiVersion", "v1");
    secret.put("kind", "Secret");
    ObjectNode metadata = secret.putObject("metadata");
    metadata.put("name", project.id());
    if (!project.namespace().isEmpty()) {
      metadata.put("namespace", project.namespace());
    }
    ObjectNode labels = metadata.putObject("labels");
    labels.put("app", "brigade");
    labels.put("component", "project");
    labels.put("heritage", "brigade");
    metadata.putObject("annotations").put(NAME_ANNOTATION, project.name());
    secret.put("type", SECRET_TYPE);
    ObjectNode data = secret.putObject("data");
    Base64.Encoder b64 = Base64.getEncoder();
    project
        .data()
        .forEach((k, v) -> data.put(k, b64.encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    return secret;
  }

  private static JsonNode parseRoot(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidProjectSecretException("the project Secret is empty");
    }
    JsonNode root;
    try {
      root = DocumentFormat.detect(text).parse(text);
    } catch (JacksonException e) {
      throw new InvalidProjectSecretException(
          "the project Secret is neither valid YAML nor JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidProjectSecretException(
          "the project Secret must be an object with metadata and data");
    }
    return root;
  }

  private static String requiredName(JsonNode metadata) {
    String name = metadata.path("name").asString("");
    if (name.isBlank()) {
      String projectName = metadata.path("annotations").path(NAME_ANNOTATION).asString("");
      throw new InvalidProjectSecretException(
          "the project Secret has no metadata.name; set it to the project ID"
              + (projectName.isBlank()
                  ? " (brigade- followed by the first 54 hex chars of the SHA-256 of the project"
                      + " name)"
                  : ", which for the project name \""
                      + projectName
                      + "\" is "
                      + ProjectIds.fromName(projectName)));
    }
    return name;
  }

  private static void checkKind(JsonNode root) {
    String kind = root.path("kind").asString("");
    if (!kind.isEmpty() && !kind.equals("Secret")) {
      throw new InvalidProjectSecretException(
          "expected a project Secret but the document is of kind " + kind);
    }
  }

  private static Map<String, String> decodeData(JsonNode data) {
    Map<String, String> out = new LinkedHashMap<>();
    Base64.Decoder b64 = Base64.getDecoder();
    for (Map.Entry<String, JsonNode> e : fields(data, "data").entrySet()) {
      String encoded = e.getValue().isNull() ? "" : e.getValue().asString("");
      try {
        byte[] raw = b64.decode(encoded.replaceAll("\\s", ""));
        out.put(e.getKey(), new String(raw, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException ex) {
        throw new InvalidProjectSecretException(
            "data." + e.getKey() + " is not valid base64; put plain values under stringData", ex);
      }
    }
    return out;
  }

  private static Map<String, String> plainStringData(JsonNode stringData) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : fields(stringData, "stringData").entrySet()) {
      JsonNode v = e.getValue();
      String text;
      if (v.isNull()) {
        text = "";
      } else if (v.isContainer()) {
        text = DocumentFormat.compactJson(v);
      } else {
        text = v.asString();
      }
      out.put(e.getKey(), text);
    }
    return out;
  }

  private static Map<String, JsonNode> fields(JsonNode node, String what) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    if (node.isMissingNode() || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw new InvalidProjectSecretException(what + " must be a map of keys to values");
    }
    node.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
