package dev.kubeherd.toolkit.sync;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import dev.kubeherd.toolkit.git.GitAuth;
import dev.kubeherd.toolkit.git.GitCheckouts;
import dev.kubeherd.toolkit.git.GitSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The app repository's {@code ci/environments/$env/brigade.values.yaml}, which the cluster repo's
 * app-infra helmfile uses: fetched with a depth-1 clone of the app repository's default branch into
 * {@code dir} (a temporary directory the caller deletes).
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
   * @throws ToolkitException exit code 2 when the app repository has no values for the environment
   */
  Path fetch(String repository, String environment, Path dir) {
    Path clone = dir.resolve("app-repo");
    git.checkout(GitSource.of(repository, "", auth.apply(repository)).withDepth(1), clone);
    Path values = clone.resolve("ci").resolve("environments").resolve(environment);
    if (!Files.isRegularFile(values.resolve(VALUES))) {
      throw new ToolkitException(
          ToolkitExitCodes.INPUT_MISSING,
          repository
              + " has no ci/environments/"
              + environment
              + "/"
              + VALUES
              + " on its default branch; add it (the app-infra helmfile reads it)");
    }
    return values;
  }
}
