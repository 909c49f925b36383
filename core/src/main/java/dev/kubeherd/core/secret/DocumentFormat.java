package dev.kubeherd.core.secret;

import dev.kubeherd.core.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The two text forms Kubernetes objects come in. {@link #render} writes a tree the way kubectl
 * users expect: JSON indented by two spaces with {@code "key": value}, YAML block style without a
 * leading {@code ---}, with multi-line strings as literal blocks and with strings that look like
 * numbers quoted.
 */
public enum DocumentFormat {
  YAML,
  JSON;

  private static final ObjectMapper JSON_MAPPER = Json.MAPPER;
  private static final ObjectWriter JSON_WRITER =
      JSON_MAPPER
          .writer()
          .with(
              new DefaultPrettyPrinter()
                  .withSeparators(
                      Separators.createDefaultInstance()
                          .withObjectNameValueSpacing(Separators.Spacing.AFTER)));
  private static final ObjectMapper YAML_MAPPER =
      YAMLMapper.builder()
          .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
          .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
          // Strings that read back as numbers (1.10, 12e4, .inf, 0123) keep their quotes, so a
          // printed document parses back to the same text values.
          .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
          .build();

  /** JSON when the text starts with {@code {} or {@code [}, else YAML (which JSON also is). */
  public static DocumentFormat detect(String text) {
    String t = text.stripLeading();
    return t.startsWith("{") || t.startsWith("[") ? JSON : YAML;
  }

  /**
   * Parses one document.
   *
   * @throws JacksonException when the text is not well-formed
   */
  public JsonNode parse(String text) {
    return mapper().readTree(text);
  }

  /** The tree as text, ending with a newline. */
  public String render(JsonNode tree) {
    if (this == JSON) {
      return JSON_WRITER.writeValueAsString(tree) + "\n";
    }
    return YAML_MAPPER.writeValueAsString(tree);
  }

  /** A fresh empty object node to build a document with. */
  public static ObjectNode object() {
    return JSON_MAPPER.createObjectNode();
  }

  /** Compact single-line JSON, as used for JSON values stored in string fields. */
  public static String compactJson(JsonNode tree) {
    return JSON_MAPPER.writeValueAsString(tree);
  }

  private ObjectMapper mapper() {
    return this == JSON ? JSON_MAPPER : YAML_MAPPER;
  }
}
