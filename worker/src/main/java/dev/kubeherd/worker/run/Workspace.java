package dev.kubeherd.worker.run;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The host directories of one build: the source checkout (when the project has a repository), a
 * scratch root used instead when it has none, shared build storage, and the job caches (one
 * directory per job name, kept across the project's builds).
 */
public record Workspace(
    Optional<Path> checkout, Path scratch, Path share, Function<String, Path> caches) {

  /** Where scripts may read files and resolve modules: the checkout, else the scratch dir. */
  public Path scriptRoot() {
    return checkout.orElse(scratch);
  }

  /** The cache directory of one job. */
  public Path cache(String jobName) {
    return caches.apply(jobName);
  }
}
