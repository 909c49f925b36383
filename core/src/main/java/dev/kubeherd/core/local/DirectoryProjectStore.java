package dev.kubeherd.core.local;

import dev.kubeherd.core.CorruptStateException;
import dev.kubeherd.core.ProjectExistsException;
import dev.kubeherd.core.ProjectNotFoundException;
import dev.kubeherd.core.UnreadableEntryException;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.port.DamageScan;
import dev.kubeherd.core.port.ProjectStore;
import dev.kubeherd.core.port.UnreadableEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Projects as one JSON file each, {@code projects/<id>.json} under the {@link LocalHome}, holding
 * {@code id}, {@code name}, {@code namespace} and the v1 {@code data} keys. Writes are atomic and
 * {@link #create} is exclusive across processes.
 */
public final class DirectoryProjectStore implements ProjectStore, DamageScan {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryProjectStore.class);

  private final LocalHome home;
  private final JsonFiles json = new JsonFiles();
  private final Map<Path, Cached> cache = new ConcurrentHashMap<>();
  private volatile DirectoryWatch watch;

  public DirectoryProjectStore(LocalHome home) {
    this.home = home;
  }

  /**
   * By the ID {@code nameOrId} when a project is stored under exactly that ID (one created from a
   * Secret whose name does not start with {@code brigade-}), else by the v1 ID rule.
   *
   * @throws UnreadableEntryException when the project's file exists but cannot be read; {@link
   *     #delete} still deletes it
   */
  @Override
  public Optional<Project> find(String nameOrId) {
    String id = storedId(nameOrId);
    if (!LocalHome.isSafeName(id)) {
      return Optional.empty();
    }
    Path file = home.projectFile(id);
    try {
      return read(file, id);
    } catch (CorruptStateException e) {
      throw new UnreadableEntryException(unreadable(id, file, e), e);
    }
  }

  private String storedId(String nameOrId) {
    boolean storedAsIs =
        !nameOrId.startsWith(ProjectIds.PREFIX)
            && LocalHome.isSafeName(nameOrId)
            && Files.exists(home.projectFile(nameOrId));
    return storedAsIs ? nameOrId : ProjectIds.fromName(nameOrId);
  }

  private static UnreadableEntry unreadable(String id, Path file, CorruptStateException e) {
    return new UnreadableEntry(id, file.toString(), e.getMessage(), Optional.empty());
  }

  /** The project files that exist but cannot be read, in ID order. */
  @Override
  public List<UnreadableEntry> unreadable() {
    List<UnreadableEntry> damaged = new ArrayList<>();
    for (Path file : JsonFiles.filesIn(home.projectsDir(), ".json")) {
      String id = idOf(file);
      try {
        read(file, id);
      } catch (CorruptStateException e) {
        damaged.add(unreadable(id, file, e));
      }
    }
    return damaged;
  }

  private static String idOf(Path file) {
    return file.getFileName().toString().replaceFirst("\\.json$", "");
  }

  /** Every readable project by ID; an unreadable file is skipped with a warning naming it. */
  @Override
  public List<Project> list() {
    List<Project> projects = new ArrayList<>();
    for (Path file : JsonFiles.filesIn(home.projectsDir(), ".json")) {
      String id = idOf(file);
      try {
        read(file, id).ifPresent(projects::add);
      } catch (CorruptStateException e) {
        LOG.warn("Skipping project {}: {}", id, e.getMessage());
      }
    }
    projects.sort(Comparator.comparing(Project::id));
    return projects;
  }

  @Override
  public void create(Project project) {
    Path file = home.projectFile(project.id());
    LocalHome.ensureDir(file.getParent());
    cache.remove(file);
    if (!AtomicFiles.createExclusive(file, json.toBytes(project))) {
      throw new ProjectExistsException(
          "project "
              + project.id()
              + " already exists. Refusing to overwrite (use -r/--replace to replace it)");
    }
  }

  @Override
  public void replace(Project project) {
    Path file = home.projectFile(project.id());
    if (!Files.isRegularFile(file)) {
      throw new ProjectNotFoundException(
          "project "
              + project.id()
              + " does not exist, so there is nothing to replace; create it without -r/--replace");
    }
    AtomicFiles.write(file, json.toBytes(project));
    cache.remove(file);
  }

  @Override
  public boolean delete(String id) {
    if (!LocalHome.isSafeName(id)) {
      return false;
    }
    Path file = home.projectFile(id);
    try {
      boolean deleted = Files.deleteIfExists(file);
      cache.remove(file);
      AtomicFiles.syncDirectory(file.getParent());
      return deleted;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete project " + id + " (" + file + ")", e);
    }
  }

  /**
   * Watches the projects directory (creating it if need be): while the result is open, a project
   * read before is answered from memory until the kernel reports a change in the directory, saving
   * the gateway a {@code stat} per delivery.
   *
   * <p>When the directory cannot be watched (the system's inotify limits), a warning says so and
   * every lookup checks the file as before.
   *
   * @throws IllegalStateException when a watch is open already
   */
  @Override
  public synchronized Watch watchForChanges() {
    if (watch != null) {
      throw new IllegalStateException("the projects directory is watched already");
    }
    DirectoryWatch started;
    try {
      started = DirectoryWatch.start(LocalHome.ensureDir(home.projectsDir()));
    } catch (UncheckedIOException e) {
      LOG.warn("{}; projects are checked for changes on every lookup instead", e.getMessage());
      return () -> {};
    }
    watch = started;
    return () -> {
      synchronized (this) {
        watch = null;
      }
      started.close();
    };
  }

  /**
   * The project in {@code file}, parsed again only when the file changed: every write replaces it
   * by a rename (a new file key), and an edit in place changes its modification time or size. The
   * gateway looks the project up on every delivery; while the directory is {@linkplain
   * #watchForChanges() watched}, a project read since the last change is not even looked at.
   */
  private Optional<Project> read(Path file, String expectedId) {
    DirectoryWatch current = watch;
    long generation = current == null ? DirectoryWatch.UNWATCHED : current.generation();
    Cached cached = cache.get(file);
    if (cached != null
        && generation != DirectoryWatch.UNWATCHED
        && cached.generation() == generation) {
      return Optional.of(cached.project());
    }
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      cache.remove(file);
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file + ": " + e, e);
    }
    Stamp stamp = new Stamp(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size());
    if (cached != null && cached.stamp().equals(stamp) && stamp.fileKey() != null) {
      if (cached.generation() != generation) {
        cache.put(file, new Cached(stamp, cached.project(), generation));
      }
      return Optional.of(cached.project());
    }
    Optional<Project> project = parse(file, expectedId);
    project.ifPresentOrElse(
        p -> cache.put(file, new Cached(stamp, p, generation)), () -> cache.remove(file));
    return project;
  }

  private Optional<Project> parse(Path file, String expectedId) {
    Optional<Project> project = json.read(file, Project.class);
    if (project.isPresent() && !project.get().id().equals(expectedId)) {
      throw JsonFiles.corrupt(
          file, "it holds project " + project.get().id() + ", not " + expectedId, null);
    }
    return project;
  }

  /** What identifies one version of a project file. */
  private record Stamp(Object fileKey, FileTime modified, long size) {}

  /**
   * @param generation the directory watch's generation read before the file was looked at
   */
  private record Cached(Stamp stamp, Project project, long generation) {}
}
