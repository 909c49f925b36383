package dev.kubeherd.worker.run;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.worker.script.ScriptSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the script to run, first non-empty of: the project's {@code brigadejsPath} in the checkout,
 * the build's own script ({@code brig run -f}), {@code brigade.js} in the checkout, the project's
 * {@code defaultScript}, key {@code brigade.js} of its {@code defaultScriptName} ConfigMap (v1's
 * order, contract §4.1.2, quirk included: brigadejsPath beats {@code -f}). Unlike v1, a configured
 * ConfigMap that is not mounted or lacks a non-empty {@code brigade.js} fails the build.
 */
public final class ScriptLocator {
  /** The project key naming the ConfigMap with the fallback script (mounted by the controller). */
  public static final String DEFAULT_SCRIPT_NAME = "defaultScriptName";

  /** The ConfigMap key holding the script. */
  static final String CONFIG_MAP_KEY = "brigade.js";

  private ScriptLocator() {}

  /**
   * @throws MissingDefaultScriptException when only the project's {@code defaultScriptName}
   *     ConfigMap is left and its {@code brigade.js} cannot be read
   */
  public static Optional<ScriptSource> locate(Build build, Project project, Workspace ws) {
    Path root = ws.scriptRoot();
    String path = project.value(ProjectKeys.BRIGADEJS_PATH);
    if (!path.isEmpty() && ws.checkout().isPresent() && !Path.of(path).isAbsolute()) {
      Optional<ScriptSource> s =
          file(root, root.resolve(path).normalize(), "project brigadejsPath");
      if (s.isPresent()) {
        return s;
      }
    }
    if (!build.request().script().isBlank()) {
      return Optional.of(
          new ScriptSource("brigade.js", build.request().script(), root, "build script"));
    }
    if (ws.checkout().isPresent()) {
      Optional<ScriptSource> s = file(root, root.resolve("brigade.js"), "repository");
      if (s.isPresent()) {
        return s;
      }
    }
    String dflt = project.value(ProjectKeys.DEFAULT_SCRIPT);
    if (!dflt.isBlank()) {
      return Optional.of(new ScriptSource("brigade.js", dflt, root, "project defaultScript"));
    }
    String configMap = project.value(DEFAULT_SCRIPT_NAME);
    return configMap.isEmpty() ? Optional.empty() : Optional.of(configMapScript(configMap, ws));
  }

  /** Key {@code brigade.js} of the project's default-script ConfigMap, as mounted into the pod. */
  private static ScriptSource configMapScript(String configMap, Workspace ws) {
    String named = "the project's defaultScriptName names ConfigMap " + configMap;
    Path mount =
        ws.defaultScriptMount()
            .orElseThrow(
                () ->
                    new MissingDefaultScriptException(
                        named
                            + ", which only a worker pod can read (the controller mounts it);"
                            + " this worker runs locally or in a pool: put the script in the"
                            + " project's defaultScript instead"));
    Path file = mount.resolve(CONFIG_MAP_KEY);
    String text = Files.isRegularFile(file) ? read(file) : "";
    if (text.isBlank()) {
      throw new MissingDefaultScriptException(
          named
              + ", but "
              + file
              + (Files.isRegularFile(file) ? " is empty" : " is missing")
              + ": the ConfigMap must hold the script under the key "
              + CONFIG_MAP_KEY);
    }
    return new ScriptSource(
        CONFIG_MAP_KEY,
        text,
        ws.scriptRoot(),
        "project " + DEFAULT_SCRIPT_NAME + " ConfigMap " + configMap);
  }

  private static Optional<ScriptSource> file(Path root, Path p, String origin) {
    if (!p.startsWith(root) || !Files.isRegularFile(p)) {
      return Optional.empty();
    }
    String text = read(p);
    return text.isBlank()
        ? Optional.empty()
        : Optional.of(new ScriptSource(root.relativize(p).toString(), text, p.getParent(), origin));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + p, e);
    }
  }
}
