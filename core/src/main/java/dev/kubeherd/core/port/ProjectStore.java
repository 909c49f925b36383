package dev.kubeherd.core.port;

import dev.kubeherd.core.model.Project;
import java.util.List;
import java.util.Optional;

/** Projects (v1: Secrets labelled {@code component=project}; locally: one file each). */
public interface ProjectStore {

  /**
   * By project name or ID ({@code brigade-...}), using the v1 ID rule. A project stored under
   * exactly {@code nameOrId} (created from a Secret whose name does not start with {@code
   * brigade-}) is found first, so such a project can be found by its ID too.
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

  /**
   * Lets {@link #find} answer from memory until the store announces a change, instead of asking the
   * store on every call; for a server that looks up a project per request. A change then takes
   * effect as soon as its announcement arrives (the local store: the kernel's file change notices,
   * a fraction of a millisecond later). Closing the result goes back to asking every time. Stores
   * that announce nothing answer as before.
   */
  default Watch watchForChanges() {
    return () -> {};
  }

  /** An open {@link #watchForChanges()}. */
  interface Watch extends AutoCloseable {
    @Override
    void close();
  }
}
