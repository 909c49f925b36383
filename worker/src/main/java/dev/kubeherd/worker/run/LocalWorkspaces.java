package dev.kubeherd.worker.run;

import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.Build;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Build workspaces under {@code KUBEHERD_HOME}: {@code builds/<id>/src|share|scratch}, {@code
 * cache/}.
 */
public final class LocalWorkspaces implements WorkspaceProvider {
  private final LocalHome home;

  public LocalWorkspaces(LocalHome home) {
    this.home = home;
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
