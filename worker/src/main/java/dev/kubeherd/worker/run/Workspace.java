package dev.kubeherd.worker.run;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The host directories of one build: the source checkout (when the project has a repository), a
 * scratch root used instead when it has none, shared build storage, the job caches (one directory
 * per job name, kept across the project's builds), and where the project's {@code
 * defaultScriptName} ConfigMap is mounted (worker pods only: {@code /etc/brigade-default-script}).
 */
public record Workspace(
    Optional<Path> checkout,
    Path scratch,
    Path share,
    Function<String, Path> caches,
    Optional<Path> defaultScriptMount) {

  /** A workspace without a default-script ConfigMap mount (local mode, pool workers). */
  public Workspace(
      Optional<Path> checkout, Path scratch, Path share, Function<String, Path> caches) {
    this(checkout, scratch, share, caches, Optional.empty());
  }

  /** Where scripts may read files and resolve modules: the checkout, else the scratch dir. */
  public Path scriptRoot() {
    return checkout.orElse(scratch);
  }

  /** The cache directory of one job. */
  public Path cache(String jobName) {
    return caches.apply(jobName);
  }
}
