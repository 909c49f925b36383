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
 * {@code defaultScript} (v1's order, quirk included: brigadejsPath beats {@code -f}).
 */
public final class ScriptLocator {
  private ScriptLocator() {}

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
    return dflt.isBlank()
        ? Optional.empty()
        : Optional.of(new ScriptSource("brigade.js", dflt, root, "project defaultScript"));
  }

  private static Optional<ScriptSource> file(Path root, Path p, String origin) {
    if (!p.startsWith(root) || !Files.isRegularFile(p)) {
      return Optional.empty();
    }
    try {
      String text = Files.readString(p);
      return text.isBlank()
          ? Optional.empty()
          : Optional.of(
              new ScriptSource(root.relativize(p).toString(), text, p.getParent(), origin));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + p, e);
    }
  }
}
