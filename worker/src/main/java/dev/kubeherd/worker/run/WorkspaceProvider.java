package dev.kubeherd.worker.run;

import dev.kubeherd.core.model.Build;

/** Prepares the host directories of a build (local mode: under {@code KUBEHERD_HOME}). */
@FunctionalInterface
public interface WorkspaceProvider {
  /**
   * @param withCheckout whether the project has a repository to check out into {@code checkout}
   */
  Workspace prepare(Build build, boolean withCheckout);
}
