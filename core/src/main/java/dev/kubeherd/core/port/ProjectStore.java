package dev.kubeherd.core.port;

import dev.kubeherd.core.model.Project;
import java.util.List;
import java.util.Optional;

/** Projects (v1: Secrets labelled {@code component=project}; locally: one file each). */
public interface ProjectStore {

  /**
   * By project name or ID ({@code brigade-...}), using the v1 ID rule. The local store first tries
   * {@code nameOrId} as a stored ID as is, so a project created under a name without the {@code
   * brigade-} prefix can be found by it.
   */
  Optional<Project> find(String nameOrId);

  /** Every readable project, sorted by ID. Unreadable entries are reported, not fatal. */
  List<Project> list();

  /**
   * @throws dev.kubeherd.core.ProjectExistsException if the ID is taken
   */
  void create(Project project);

  /**
   * @throws dev.kubeherd.core.ProjectNotFoundException if there is nothing to replace
   */
  void replace(Project project);

  /**
   * @return false when there was no such project
   */
  boolean delete(String id);
}
