package dev.kubeherd.toolkit.deploy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One helmfile run: the working directory, an explicit helmfile (else detected there), the {@code
 * --environment} and {@code --selector} to pass when given, and variables for its environment
 * ({@code GIT_TAG}, {@code CLUSTER}, …).
 */
public record HelmfileRun(
    Path dir,
    Optional<Path> file,
    Optional<String> environment,
    Optional<String> selector,
    Map<String, String> env) {
  public HelmfileRun {
    env = Map.copyOf(env);
  }

  /** In {@code dir}, with a detected helmfile and nothing else. */
  public static HelmfileRun in(Path dir) {
    return new HelmfileRun(dir, Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
  }
}
