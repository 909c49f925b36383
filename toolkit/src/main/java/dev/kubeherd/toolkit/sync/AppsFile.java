package dev.kubeherd.toolkit.sync;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Present;
import org.snakeyaml.engine.v2.api.lowlevel.Serialize;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads {@code environments/$env/app-infra/apps.yaml}: the apps are the keys of {@code services}
 * (in file order); each entry may set {@code repository} ({@code {app}} is replaced by the app's
 * name), {@code brigade.config} (the pipeline template) and {@code namespaceDefaults} (overrides
 * for the namespace-defaults chart); what an entry leaves out, or an entry that is empty ({@code
 * your-svc-z:}), comes from the optional top-level {@code defaults} mapping. Every problem fails
 * with {@code file:line:column} (exit code 2).
 */
public final class AppsFile {
  /** Namespace names: an app's name is its namespace. */
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private static final List<String> ENTRY_KEYS =
      List.of("repository", "brigade", "namespaceDefaults");

  private final Path file;

  private AppsFile(Path file) {
    this.file = file;
  }

  /**
   * The apps of {@code file}, in file order.
   *
   * @throws MalformedAppsFileException naming the file and line
   */
  public static List<AppEntry> read(Path file) {
    return new AppsFile(file).apps();
  }

  private List<AppEntry> apps() {
    Node root = compose();
    if (isNull(root)) {
      return List.of();
    }
    MappingNode top = mapping(root, "the top level must be a mapping with 'services'");
    Map<String, Node> keys = keys(top, List.of("services", "defaults"));
    Entry defaults =
        keys.containsKey("defaults") ? entry(keys.get("defaults"), "defaults") : Entry.EMPTY;
    Node services = keys.get("services");
    if (services == null || isNull(services)) {
      return List.of();
    }
    List<AppEntry> apps = new ArrayList<>();
    Map<String, Node> seen = new HashMap<>();
    for (NodeTuple tuple :
        mapping(services, "'services' must be a mapping of app names").getValue()) {
      String name = name(tuple.getKeyNode(), seen);
      Entry own = entry(tuple.getValueNode(), name);
      Entry merged = own.over(defaults);
      apps.add(
          new AppEntry(
              name,
              merged.repository.map(r -> r.replace("{app}", name)),
              merged.template,
              merged.namespaceDefaults,
              line(tuple.getKeyNode())));
    }
    return List.copyOf(apps);
  }

  private Node compose() {
    LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).build();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return new Compose(settings)
          .composeReader(reader)
          .orElse(new ScalarNode(Tag.NULL, "", org.snakeyaml.engine.v2.common.ScalarStyle.PLAIN));
    } catch (MarkedYamlEngineException e) {
      Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
      String context = e.getContext() == null ? "" : e.getContext() + ": ";
      throw new MalformedAppsFileException(
          where(mark) + ": malformed YAML: " + context + e.getProblem());
    } catch (YamlEngineException e) {
      throw new MalformedAppsFileException(file + ": malformed YAML: " + e.getMessage());
    } catch (NoSuchFileException e) {
      throw new MalformedAppsFileException(file + " does not exist");
    } catch (IOException e) {
      throw new MalformedAppsFileException("cannot read " + file + ": " + e.getMessage());
    }
  }

  private String name(Node key, Map<String, Node> seen) {
    String name = scalar(key, "app names must be plain names");
    if (!DNS_LABEL.matcher(name).matches()) {
      throw error(
          key,
          "app name '"
              + name
              + "' is not a valid namespace name (lower-case letters, digits and '-', at most 63)");
    }
    Node first = seen.putIfAbsent(name, key);
    if (first != null) {
      throw error(key, "app '" + name + "' is listed twice (first on line " + line(first) + ")");
    }
    return name;
  }

  private Entry entry(Node node, String what) {
    if (isNull(node)) {
      return Entry.EMPTY;
    }
    Map<String, Node> keys =
        keys(mapping(node, "'" + what + "' must be a mapping or empty"), ENTRY_KEYS);
    Optional<String> repository =
        optional(keys.get("repository")).map(n -> scalar(n, "'repository' must be a git URL"));
    Optional<String> template = Optional.empty();
    Node brigade = keys.get("brigade");
    if (brigade != null && !isNull(brigade)) {
      Node config =
          keys(mapping(brigade, "'brigade' must be a mapping with 'config'"), List.of("config"))
              .get("config");
      template = optional(config).map(n -> scalar(n, "'brigade.config' must be a name"));
    }
    Optional<String> overrides =
        optional(keys.get("namespaceDefaults"))
            .map(n -> yaml(mapping(n, "'namespaceDefaults' must be a mapping of chart values")));
    return new Entry(repository, template, overrides);
  }

  private Map<String, Node> keys(MappingNode node, List<String> allowed) {
    Map<String, Node> values = new HashMap<>();
    for (NodeTuple tuple : node.getValue()) {
      String key = scalar(tuple.getKeyNode(), "keys must be plain names");
      if (!allowed.contains(key)) {
        throw error(
            tuple.getKeyNode(),
            "unknown key '" + key + "'; allowed: " + String.join(", ", allowed));
      }
      if (values.put(key, tuple.getValueNode()) != null) {
        throw error(tuple.getKeyNode(), "duplicate key '" + key + "'");
      }
    }
    return values;
  }

  private MappingNode mapping(Node node, String message) {
    if (node instanceof MappingNode mapping) {
      return mapping;
    }
    throw error(node, message);
  }

  private String scalar(Node node, String message) {
    if (node instanceof ScalarNode scalar && !isNull(node) && !scalar.getValue().isBlank()) {
      return scalar.getValue();
    }
    throw error(node, message);
  }

  private static Optional<Node> optional(Node node) {
    return node == null || isNull(node) ? Optional.empty() : Optional.of(node);
  }

  private static String yaml(MappingNode node) {
    DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build();
    return new Present(settings)
        .emitToString(new Serialize(settings).serializeOne(node).iterator());
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  private static int line(Node node) {
    return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  private MalformedAppsFileException error(Node node, String message) {
    return new MalformedAppsFileException(where(node.getStartMark().orElse(null)) + ": " + message);
  }

  private String where(Mark mark) {
    return mark == null
        ? file.toString()
        : file + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
  }

  /** An entry's own settings; {@link #over} fills what it leaves out from the defaults. */
  private record Entry(
      Optional<String> repository, Optional<String> template, Optional<String> namespaceDefaults) {
    static final Entry EMPTY = new Entry(Optional.empty(), Optional.empty(), Optional.empty());

    Entry over(Entry defaults) {
      return new Entry(
          repository.or(() -> defaults.repository),
          template.or(() -> defaults.template),
          namespaceDefaults.or(() -> defaults.namespaceDefaults));
    }
  }
}
