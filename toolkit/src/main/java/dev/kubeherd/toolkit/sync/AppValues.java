package dev.kubeherd.toolkit.sync;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import dev.kubeherd.toolkit.git.GitAuth;
import dev.kubeherd.toolkit.git.GitCheckouts;
import dev.kubeherd.toolkit.git.GitSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The app repository's {@code ci/environments/$env/brigade.values.yaml}, which the cluster repo's
 * app-infra helmfile uses: fetched with a depth-1 clone of the app repository's default branch into
 * {@code dir} (a temporary directory the caller deletes). The values file must be a regular file of
 * the clone: a symbolic link, or a directory on its way that leads out of the clone, is refused.
 */
final class AppValues {
  static final String VALUES = "brigade.values.yaml";

  private final GitCheckouts git;
  private final Function<String, GitAuth> auth;

  /**
   * @param auth the credentials for a repository URL (deploy key, token or none)
   */
  AppValues(GitCheckouts git, Function<String, GitAuth> auth) {
    this.git = git;
    this.auth = auth;
  }

  /**
   * @return the directory holding {@value #VALUES} ({@code APP_VALUES_DIR})
   * @throws ToolkitException exit code 2 when the app repository has no values for the environment,
   *     or when they are a symbolic link or lie outside the clone (the repository's content must
   *     not make helmfile read a file of this machine)
   */
  Path fetch(String repository, String environment, Path dir) {
    Path clone = dir.resolve("app-repo");
    git.checkout(GitSource.of(repository, "", auth.apply(repository)).withDepth(1), clone);
    String name = "ci/environments/" + environment + "/" + VALUES;
    Path values = clone.resolve("ci").resolve("environments").resolve(environment);
    Path file = values.resolve(VALUES);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new ToolkitException(
          ToolkitExitCodes.INPUT_MISSING,
          repository
              + " has no "
              + name
              + " on its default branch; add it (the app-infra helmfile reads it)");
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw refused(
          repository, name, "it is a symbolic link or not a regular file; commit the file itself");
    }
    Path real = realPath(values);
    if (!real.startsWith(realPath(clone))) {
      throw refused(
          repository,
          name,
          "its directory resolves to "
              + real
              + ", outside the repository (a symbolic link on the way); commit the directories"
              + " themselves");
    }
    return values;
  }

  private static ToolkitException refused(String repository, String name, String why) {
    return new ToolkitException(
        ToolkitExitCodes.INPUT_MISSING,
        "refusing " + name + " of " + repository + " as APP_VALUES_DIR: " + why);
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      throw new ToolkitException(
          ToolkitExitCodes.INPUT_MISSING, "cannot resolve " + path + ": " + e.getMessage());
    }
  }
}
