package dev.kubeherd.toolkit.sync;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What every sync level needs: the checked-out repository (cluster repo for master and worker, app
 * repo for app), the environment and cluster, and where private temporary files go (never the
 * repository). {@code path} overrides the master's directory; {@code create} makes the app
 * namespaces of a worker sync "create only" (a namespace that exists fails with exit code 4);
 * {@code strict} refuses (exit code 2) to decrypt a secrets file to a path git does not ignore,
 * which is otherwise a warning.
 */
public record SyncOptions(
    Path repoDir,
    String environment,
    String cluster,
    Optional<Path> path,
    boolean create,
    Path scratch,
    boolean strict) {
  public SyncOptions {
    Objects.requireNonNull(repoDir, "repoDir");
    Objects.requireNonNull(scratch, "scratch");
    repoDir = repoDir.toAbsolutePath().normalize();
    environment = required(environment, "environment");
    cluster = required(cluster, "cluster");
  }

  private static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value.strip();
  }

  /** {@code environments/$env} of the repository. */
  public Path environmentDir() {
    return repoDir.resolve("environments").resolve(environment);
  }
}
