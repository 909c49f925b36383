package dev.kubeherd.worker.run;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The host directories of one build: the source checkout (when the project has a repository), a
 * scratch root used instead when it has none, shared build storage and the project's job cache.
 */
public record Workspace(Optional<Path> checkout, Path scratch, Path share, Path cacheRoot) {

  /** Where scripts may read files and resolve modules: the checkout, else the scratch dir. */
  public Path scriptRoot() {
    return checkout.orElse(scratch);
  }

  /** The cache directory of one job; it survives builds. */
  public Path cache(String jobName) {
    return cacheRoot.resolve(jobName);
  }
}
