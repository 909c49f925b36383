package dev.kubeherd.worker.kube;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.worker.run.Workspace;
import dev.kubeherd.worker.run.WorkspaceProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A worker pod's directories: the checkout in the workspace ({@code /vcs}, filled by the
 * vcs-sidecar init container or cloned by the worker), scratch space under a temporary directory.
 * Shared storage and job caches are PVCs mounted into job pods, so the worker has none locally.
 */
public final class PodWorkspaces implements WorkspaceProvider {
  private final Path workspace;
  private final Path scratchRoot;

  public PodWorkspaces(Path workspace, Path scratchRoot) {
    this.workspace = workspace;
    this.scratchRoot = scratchRoot;
  }

  @Override
  public Workspace prepare(Build build, boolean withCheckout) {
    try {
      Path scratch = Files.createDirectories(scratchRoot.resolve(build.id()));
      if (withCheckout) {
        Files.createDirectories(workspace);
      }
      Path unused = scratch.resolve("not-in-pods");
      return new Workspace(
          withCheckout ? Optional.of(workspace) : Optional.empty(), scratch, unused, job -> unused);
    } catch (IOException e) {
      throw new UncheckedIOException("preparing the worker's directories under " + scratchRoot, e);
    }
  }
}
