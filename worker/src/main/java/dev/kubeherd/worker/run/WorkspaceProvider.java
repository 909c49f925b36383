package dev.kubeherd.worker.run;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;

/** Prepares the host directories of a build (local mode: under {@code KUBEHERD_HOME}). */
@FunctionalInterface
public interface WorkspaceProvider {
  /**
   * @param withCheckout whether the build's source is to be checked out into {@code checkout}
   */
  Workspace prepare(Build build, boolean withCheckout);

  /**
   * Whether builds of {@code project} (which has a clone URL) get a checkout. v1's rule (contract
   * §7.1): only when the project names a {@code vcsSidecar}; empty or absent means no clone
   * anywhere, whatever the clone URL.
   */
  default boolean checksOut(Project project) {
    return !project.value(ProjectKeys.VCS_SIDECAR).isEmpty();
  }
}
