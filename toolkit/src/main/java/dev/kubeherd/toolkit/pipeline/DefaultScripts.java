package dev.kubeherd.toolkit.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which default {@code brigade.js} a level's project gets (§2.9, §2.10): the cluster repo's files
 * under {@code --path} first, then kubeherd's bundled default for the level (from {@code sdk-js},
 * loaded only when needed).
 */
public final class DefaultScripts {
  public static final String BUNDLED_DIR = "dev/kubeherd/sdkjs/defaults/";
  public static final String MASTER_DEFAULT = "brigade.master.default.js";
  public static final String WORKER_DEFAULT = "brigade.worker.default.js";

  /**
   * The bundled default of a worker pipeline. A worker pipeline (§2.10) lives in the app's
   * namespace and builds the app repository, so its default is the app level's script ({@code
   * kubeherd sync app}); the app-infra level is synced by the master's job ({@code sync master}
   * runs {@code sync worker} for every app).
   */
  static final String BUNDLED_WORKER = "brigade.app.default.js";

  private final ClassLoader loader;

  public DefaultScripts(ClassLoader loader) {
    this.loader = loader;
  }

  /** Master: {@code $path/brigade.js} → {@code $path/brigade.master.default.js} → bundled. */
  public Script master(Path path) {
    return first(path, List.of("brigade.js", MASTER_DEFAULT), MASTER_DEFAULT);
  }

  /**
   * Worker: {@code $path/brigade.worker.default.js} → the bundled app default; the worker repo's
   * own {@code brigade.js} wins over either when its build runs.
   */
  public Script worker(Path path) {
    return first(path, List.of(WORKER_DEFAULT), BUNDLED_WORKER);
  }

  private Script first(Path dir, List<String> names, String bundled) {
    for (String name : names) {
      Path file = dir.resolve(name);
      if (Files.isRegularFile(file)) {
        return new Script(file.toString(), read(file));
      }
    }
    return bundled(bundled)
        .orElseThrow(
            () ->
                new PipelineInputException(
                    "no default script: none of "
                        + names
                        + " in "
                        + dir
                        + " and the bundled "
                        + BUNDLED_DIR
                        + bundled
                        + " is not on the classpath; add "
                        + dir.resolve(names.getLast())
                        + " to the repository"));
  }

  /** The bundled master default, when this classpath has one (bootstrap's default script). */
  public Optional<Script> bundledMaster() {
    return bundled(MASTER_DEFAULT);
  }

  private Optional<Script> bundled(String name) {
    try (InputStream in = loader.getResourceAsStream(BUNDLED_DIR + name)) {
      if (in == null) {
        return Optional.empty();
      }
      return Optional.of(
          new Script("bundled " + name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("reading the bundled " + name, e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PipelineInputException("cannot read " + file + ": " + e.getMessage());
    }
  }

  /**
   * @param origin where it came from (a path, or {@code bundled NAME}), for progress output
   */
  public record Script(String origin, String text) {}
}
