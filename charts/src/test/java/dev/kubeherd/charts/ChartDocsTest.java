package dev.kubeherd.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Each chart documents its values in its README and constrains them in values.schema.json. */
class ChartDocsTest {
  @ParameterizedTest(name = "{0}")
  @FieldSource("dev.kubeherd.charts.Charts#ALL")
  void readmeValuesTableNamesEveryValue(String chart) throws IOException {
    String readme = Files.readString(Charts.dir(chart).resolve("README.md"));
    JsonNode values =
        YAMLMapper.builder()
            .build()
            .readTree(Files.readString(Charts.dir(chart).resolve("values.yaml")));

    List<String> undocumented = new ArrayList<>();
    for (String path : paths(values, "", 2)) {
      String parent = path.contains(".") ? path.substring(0, path.indexOf('.')) : path;
      if (!readme.contains("`" + path) && !readme.contains("| `" + parent + "` |")) {
        undocumented.add(path);
      }
    }
    assertThat(readme).contains("| Key | Default | Description |");
    assertThat(undocumented).as("values of %s missing from its README's table", chart).isEmpty();
  }

  /** A value left unset by default (the app chart's replicaCount) is documented all the same. */
  @ParameterizedTest(name = "{0}")
  @FieldSource("dev.kubeherd.charts.Charts#ALL")
  void readmeValuesTableNamesEveryValueTheSchemaAcceptsWithoutADefault(String chart)
      throws IOException {
    String readme = Files.readString(Charts.dir(chart).resolve("README.md"));
    JsonNode values =
        YAMLMapper.builder()
            .build()
            .readTree(Files.readString(Charts.dir(chart).resolve("values.yaml")));
    JsonNode schema =
        JsonMapper.builder()
            .build()
            .readTree(Files.readString(Charts.dir(chart).resolve("values.schema.json")));

    List<String> undocumented = new ArrayList<>();
    for (String key : schema.path("properties").propertyNames()) {
      boolean helmsOwn = key.equals("global"); // set by Helm for parent charts, not by users
      if (!helmsOwn && !values.has(key) && !readme.contains("| `" + key + "` |")) {
        undocumented.add(key);
      }
    }
    assertThat(undocumented)
        .as("values of %s without a default, missing from its README's table", chart)
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("dev.kubeherd.charts.Charts#ALL")
  void schemaRefusesUnknownTopLevelValues(String chart) throws IOException {
    JsonNode schema =
        JsonMapper.builder()
            .build()
            .readTree(Files.readString(Charts.dir(chart).resolve("values.schema.json")));

    assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
    String error = Charts.render(chart).set("replicaCuont", 3).failure();
    assertThat(error).contains("additional properties 'replicaCuont' not allowed");
  }

  /** Key paths down to {@code depth} levels; a key holding a non-empty map is descended into. */
  private static List<String> paths(JsonNode node, String prefix, int depth) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String path = prefix + e.getKey();
      if (e.getValue().isObject() && !e.getValue().isEmpty() && depth > 1) {
        out.addAll(paths(e.getValue(), path + ".", depth - 1));
      } else {
        out.add(path);
      }
    }
    return out;
  }
}
