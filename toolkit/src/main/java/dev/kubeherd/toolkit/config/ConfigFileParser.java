package dev.kubeherd.toolkit.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads and checks {@code kubeherd.yaml}: a mapping of settings ({@link ToolkitSetting#yamlKey()})
 * and command sections (mappings named after commands, holding settings and deeper sections). Every
 * problem — malformed YAML, an unknown key, a value of the wrong type, a duplicate key — fails with
 * {@code file:line:column} and what is allowed there.
 */
public final class ConfigFileParser {
  private final ConfigSections sections;

  /**
   * @param sections the command sections the file may have (from the command tree)
   */
  public ConfigFileParser(ConfigSections sections) {
    this.sections = sections;
  }

  /**
   * @throws InvalidToolkitConfigException when the file cannot be read or is not a valid config
   */
  public ConfigFile parse(Path file) {
    Map<List<String>, Map<ToolkitSetting, ConfigValue>> result = new HashMap<>();
    Optional<Node> root = compose(file);
    if (root.isPresent() && !isNull(root.get())) {
      if (!(root.get() instanceof MappingNode mapping)) {
        throw error(file, root.get(), "the top level must be a mapping of settings and sections");
      }
      walk(file, mapping, sections, List.of(), result);
    }
    return new ConfigFile(file, result);
  }

  private static Optional<Node> compose(Path file) {
    LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).build();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      List<Node> documents = new ArrayList<>();
      new Compose(settings).composeAllFromReader(reader).forEach(documents::add);
      if (documents.size() > 1) {
        throw error(file, documents.get(1), "only one YAML document is allowed");
      }
      return documents.stream().findFirst();
    } catch (MarkedYamlEngineException e) {
      Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
      throw InvalidToolkitConfigException.inFile(
          where(file, mark) + ": malformed YAML: " + oneLine(e));
    } catch (YamlEngineException e) {
      throw InvalidToolkitConfigException.inFile(file + ": malformed YAML: " + e.getMessage());
    } catch (IOException e) {
      throw InvalidToolkitConfigException.inFile(
          "cannot read config file " + file + ": " + e.getMessage());
    }
  }

  private void walk(
      Path file,
      MappingNode mapping,
      ConfigSections allowed,
      List<String> path,
      Map<List<String>, Map<ToolkitSetting, ConfigValue>> result) {
    Map<ToolkitSetting, ConfigValue> values = new LinkedHashMap<>();
    Map<String, Node> seen = new HashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      String key = key(file, tuple.getKeyNode());
      Node first = seen.putIfAbsent(key, tuple.getKeyNode());
      if (first != null) {
        throw error(
            file,
            tuple.getKeyNode(),
            "duplicate key '" + key + "' (first on line " + line(first) + ")");
      }
      Node value = tuple.getValueNode();
      Optional<ConfigSections> section = allowed.child(key);
      Optional<ToolkitSetting> setting = ToolkitSetting.forYamlKey(key);
      if (section.isPresent() && (value instanceof MappingNode || setting.isEmpty())) {
        sectionValue(file, key, value, section.get(), append(path, key), result);
      } else if (setting.isPresent()) {
        settingValue(file, setting.get(), value).ifPresent(v -> values.put(setting.get(), v));
      } else {
        throw error(file, tuple.getKeyNode(), unknownKey(key, allowed, path));
      }
    }
    result.put(path, values);
  }

  private void sectionValue(
      Path file,
      String key,
      Node value,
      ConfigSections section,
      List<String> path,
      Map<List<String>, Map<ToolkitSetting, ConfigValue>> result) {
    if (isNull(value)) {
      return;
    }
    if (!(value instanceof MappingNode mapping)) {
      throw error(
          file, value, "section '" + key + "' must be a mapping of settings, got " + kind(value));
    }
    walk(file, mapping, section, path, result);
  }

  private static Optional<ConfigValue> settingValue(Path file, ToolkitSetting setting, Node value) {
    if (isNull(value)) {
      return Optional.empty();
    }
    String expected = setting.type().description();
    if (!(value instanceof ScalarNode scalar)) {
      throw error(
          file, value, "'" + setting.yamlKey() + "' must be " + expected + ", got " + kind(value));
    }
    try {
      String checked = setting.type().check(scalar.getValue());
      return Optional.of(new ConfigValue(checked, file + ":" + line(value)));
    } catch (IllegalArgumentException e) {
      throw error(file, value, "'" + setting.yamlKey() + "': " + e.getMessage());
    }
  }

  private static String key(Path file, Node node) {
    if (node instanceof ScalarNode scalar && !isNull(node)) {
      return scalar.getValue();
    }
    throw error(file, node, "keys must be plain names, got " + kind(node));
  }

  private static String unknownKey(String key, ConfigSections allowed, List<String> path) {
    String where = path.isEmpty() ? "at the top level" : "in section " + String.join(".", path);
    String settings =
        Arrays.stream(ToolkitSetting.values())
            .map(ToolkitSetting::yamlKey)
            .sorted()
            .collect(Collectors.joining(", "));
    List<String> names = new ArrayList<>();
    allowed.names().forEach(names::add);
    return "unknown key '"
        + key
        + "' "
        + where
        + "; known settings: "
        + settings
        + (names.isEmpty() ? "" : "; command sections here: " + String.join(", ", names));
  }

  private static List<String> append(List<String> path, String key) {
    List<String> longer = new ArrayList<>(path);
    longer.add(key);
    return List.copyOf(longer);
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  private static String kind(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    return node instanceof SequenceNode ? "a list" : "'" + ((ScalarNode) node).getValue() + "'";
  }

  private static int line(Node node) {
    return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  private static InvalidToolkitConfigException error(Path file, Node node, String message) {
    return InvalidToolkitConfigException.inFile(
        where(file, node.getStartMark().orElse(null)) + ": " + message);
  }

  private static String where(Path file, Mark mark) {
    return mark == null
        ? file.toString()
        : file + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
  }

  private static String oneLine(MarkedYamlEngineException e) {
    String problem = e.getProblem();
    String context = e.getContext();
    return (context == null || context.isBlank() ? "" : context + ": ") + problem;
  }
}
