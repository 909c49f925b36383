package dev.kubeherd.toolkit.image;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment the engine client runs with: this process's, minus every variable that holds a
 * secret (the GitHub token's variable, and any other whose value is a secret). Secrets reach the
 * build only as mounted files.
 */
public final class EngineEnvironment {
  private EngineEnvironment() {}

  /**
   * @param env this process's environment
   * @param secretNames variables to leave out (e.g. the one {@code --github-token-env} names)
   * @param secretValues values no variable may carry
   */
  public static Map<String, String> withoutSecrets(
      Map<String, String> env, Collection<String> secretNames, Collection<String> secretValues) {
    Map<String, String> clean = new TreeMap<>(env);
    clean.keySet().removeAll(secretNames);
    clean.values().removeIf(v -> !v.isEmpty() && secretValues.contains(v));
    return clean;
  }
}
