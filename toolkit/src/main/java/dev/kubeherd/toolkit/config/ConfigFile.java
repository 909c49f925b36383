package dev.kubeherd.toolkit.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A checked {@code kubeherd.yaml}: per section path ({@code []} for the top level, {@code [brigadm,
 * ssm]} for {@code brigadm: {ssm: …}}) the settings it sets, with their line.
 */
public record ConfigFile(Path path, Map<List<String>, Map<ToolkitSetting, ConfigValue>> sections) {
  public ConfigFile {
    sections = Map.copyOf(sections);
  }

  /**
   * The value of {@code setting} for the command at {@code commandPath} (e.g. {@code [brigadm, ssm,
   * put]}): the deepest section on that path that sets it wins, the top level comes last.
   */
  public Optional<ConfigValue> find(ToolkitSetting setting, List<String> commandPath) {
    List<String> path = new ArrayList<>(commandPath);
    while (true) {
      Map<ToolkitSetting, ConfigValue> section = sections.get(path);
      if (section != null && section.containsKey(setting)) {
        return Optional.of(section.get(setting));
      }
      if (path.isEmpty()) {
        return Optional.empty();
      }
      path.remove(path.size() - 1);
    }
  }
}
