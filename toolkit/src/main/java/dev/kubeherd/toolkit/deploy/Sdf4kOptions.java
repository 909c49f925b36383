package dev.kubeherd.toolkit.deploy;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code sdf4k PATH --namespace NS}: the deploy directory, the namespace, the component (release)
 * name when not the directory's basename, the environment ({@code values.<env>.yaml}, helmfile
 * {@code --environment}), one kind to run instead of all detected, whether to only render, and
 * where decrypted secrets may be written (never the working directory).
 */
public record Sdf4kOptions(
    Path path,
    String namespace,
    Optional<String> name,
    Optional<String> environment,
    Optional<DeployKind> only,
    boolean render,
    Path scratch) {
  public Sdf4kOptions {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(scratch, "scratch");
  }

  /** {@code --name}, else the basename of the path. */
  public String component() {
    return name.orElseGet(() -> path.toAbsolutePath().normalize().getFileName().toString());
  }
}
