package dev.kubeherd.charts;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads Helm's rendered output into fabric8's typed model, strictly: every document must be a kind
 * fabric8 has a class for, and every field must be one that class knows.
 *
 * <p>fabric8's model classes keep unknown fields in an {@code additionalProperties} map (a Jackson
 * any-setter), so a misspelled {@code replica: 2} would be accepted silently. This mapper ignores
 * the any-setters and fails on unknown properties, so Jackson names the field and the class.
 */
final class StrictModel {
  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
  private static final Pattern SOURCE = Pattern.compile("(?m)^# Source: (.+)$");

  private static final KubernetesSerialization KINDS = new KubernetesSerialization();
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final JsonMapper STRICT =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .annotationIntrospector(
              new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(MapperConfig<?> config, Annotated a) {
                  return Boolean.FALSE;
                }
              })
          .build();

  private StrictModel() {}

  /** Every object of a multi-document YAML stream (as {@code helm template} prints it). */
  static List<HasMetadata> parseAll(String manifests) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String document : DOCUMENT_SEPARATOR.split(manifests)) {
      JsonNode tree;
      try {
        tree = YAML.readTree(document);
      } catch (JacksonException e) {
        throw new InvalidManifestException(source(document) + ": not YAML: " + e.getMessage(), e);
      }
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        continue; // an empty document: comments only
      }
      objects.add(parse(source(document), tree));
    }
    return objects;
  }

  /** One object, typed by its apiVersion and kind. */
  static HasMetadata parse(String source, JsonNode tree) {
    String apiVersion = tree.path("apiVersion").asString("");
    String kind = tree.path("kind").asString("");
    Class<? extends KubernetesResource> type =
        KINDS.getRegisteredKubernetesResource(apiVersion, kind);
    if (type == null || !HasMetadata.class.isAssignableFrom(type)) {
      throw new InvalidManifestException(
          source + ": fabric8 has no typed model for apiVersion " + apiVersion + ", kind " + kind);
    }
    try {
      return (HasMetadata) STRICT.treeToValue(tree, type);
    } catch (JacksonException e) {
      throw new InvalidManifestException(
          source + ": " + kind + " does not match fabric8's model: " + e.getOriginalMessage(), e);
    }
  }

  private static String source(String document) {
    Matcher m = SOURCE.matcher(document);
    return m.find() ? m.group(1) : "(document without a # Source line)";
  }

  /** A rendered document that is not a valid, known Kubernetes object. */
  static final class InvalidManifestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidManifestException(String message) {
      super(message);
    }

    InvalidManifestException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
