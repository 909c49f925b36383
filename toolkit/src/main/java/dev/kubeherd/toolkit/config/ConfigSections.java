package dev.kubeherd.toolkit.config;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The command sections {@code kubeherd.yaml} may hold, as a tree of command names: a section {@code
 * brigadm:} with a nested {@code ssm:} applies to {@code brigadm ssm …}. The command line derives
 * it from its command tree, so a section is valid exactly when the command exists.
 */
public record ConfigSections(Map<String, ConfigSections> children) {
  public ConfigSections {
    children = Map.copyOf(children);
  }

  /** No sections: only top-level settings. */
  public static ConfigSections none() {
    return new ConfigSections(Map.of());
  }

  /** The section named {@code name} below this one. */
  public Optional<ConfigSections> child(String name) {
    return Optional.ofNullable(children.get(name));
  }

  /** The section names below this one, sorted (for messages). */
  public Iterable<String> names() {
    return new TreeMap<>(children).keySet();
  }
}
