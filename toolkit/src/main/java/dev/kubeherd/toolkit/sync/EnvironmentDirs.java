package dev.kubeherd.toolkit.sync;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The environment's directory of a checked-out repository ({@code environments/$env} of a cluster
 * repository, {@code ci/environments/$env} of an app repository), or a failure (exit code 2) that
 * says whether the directory is not the repository's top or the environment is not one it has, and
 * which environments it has.
 */
final class EnvironmentDirs {
  private EnvironmentDirs() {}

  /**
   * @param repoDir the repository's top directory
   * @param environments its {@code environments} directory, relative to {@code repoDir}
   * @param kind "cluster" or "app", for the message
   */
  static Path require(Path repoDir, String environments, String environment, String kind) {
    Path all = repoDir.resolve(environments);
    if (!Files.isDirectory(all)) {
      throw missing(
          repoDir
              + " has no "
              + environments
              + "/ directory, so it is not the top of "
              + (kind.equals("app") ? "an app" : "a " + kind)
              + " repository: run in the repository's top directory or pass it as --repo-dir");
    }
    Path dir = all.resolve(environment);
    if (!Files.isDirectory(dir)) {
      String wanted = environments + "/" + environment;
      throw missing(
          "environment "
              + environment
              + " is not in the "
              + kind
              + " repository "
              + repoDir
              + ": it has no "
              + wanted
              + " (environments: "
              + names(all)
              + "); pass one of those as --environment, or add "
              + wanted);
    }
    return dir;
  }

  private static String names(Path all) {
    try (Stream<Path> dirs = Files.list(all)) {
      String names =
          dirs.filter(Files::isDirectory)
              .map(p -> p.getFileName().toString())
              .sorted()
              .collect(Collectors.joining(", "));
      return names.isEmpty() ? "none" : names;
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + all, e);
    }
  }

  private static ToolkitException missing(String message) {
    return new ToolkitException(ToolkitExitCodes.INPUT_MISSING, message);
  }
}
