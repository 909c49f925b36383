package dev.kubeherd.worker.run;

import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Build workspaces under {@code KUBEHERD_HOME}: {@code builds/<id>/src|share|scratch}, {@code
 * cache/}. The worker clones the source itself (there is no sidecar image to run), so a project
 * with a clone URL is checked out unless its {@code vcsSidecar} is present and empty, which is how
 * brig writes a project without VCS; a project with no {@code vcsSidecar} key at all is still
 * cloned here (v1, and Kubernetes mode, would not clone it).
 */
public final class LocalWorkspaces implements WorkspaceProvider {
  private final LocalHome home;

  public LocalWorkspaces(LocalHome home) {
    this.home = home;
  }

  @Override
  public boolean checksOut(Project project) {
    return project.get(ProjectKeys.VCS_SIDECAR).map(image -> !image.isEmpty()).orElse(true);
  }

  @Override
  public Workspace prepare(Build build, boolean withCheckout) {
    Path scratch = home.buildDir(build.id()).resolve("scratch");
    try {
      Files.createDirectories(scratch);
    } catch (IOException e) {
      throw new UncheckedIOException("creating " + scratch, e);
    }
    return new Workspace(
        withCheckout ? Optional.of(home.srcDir(build.id())) : Optional.empty(),
        scratch,
        home.shareDir(build.id()),
        job -> home.cacheDir(build.projectId(), job));
  }
}
