package dev.kubeherd.archive;

import dev.kubeherd.core.port.LogSink;
import dev.kubeherd.core.port.LogStore;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link LogStore} that reads from the {@link S3LogArchive} when its own copy is gone (vacuumed
 * local files, ConfigMaps deleted with their build). Writes go to the store only: the archive is
 * filled by {@link BuildLogArchiver} when builds finish.
 */
public final class ArchivedLogStore implements LogStore {
  private final LogStore store;
  private final S3LogArchive archive;
  private final Function<String, Optional<String>> projectOfBuild;

  /**
   * @param projectOfBuild the project of a build while it is still stored; when it is gone the
   *     archive's projects are searched for the build
   */
  public ArchivedLogStore(
      LogStore store, S3LogArchive archive, Function<String, Optional<String>> projectOfBuild) {
    this.store = store;
    this.archive = archive;
    this.projectOfBuild = projectOfBuild;
  }

  @Override
  public LogSink open(String buildId, String source) {
    return store.open(buildId, source);
  }

  @Override
  public String read(String buildId, String source) {
    String stored = store.read(buildId, source);
    if (!stored.isEmpty()) {
      return stored;
    }
    return project(buildId).flatMap(p -> archive.get(p, buildId, source)).orElse("");
  }

  @Override
  public List<String> sources(String buildId) {
    List<String> stored = store.sources(buildId);
    if (!stored.isEmpty()) {
      return stored;
    }
    return project(buildId).map(p -> workerFirst(archive.sources(p, buildId))).orElse(List.of());
  }

  private Optional<String> project(String buildId) {
    Optional<String> known = projectOfBuild.apply(buildId);
    if (known.isPresent()) {
      return known;
    }
    return archive.projects().stream()
        .filter(p -> !archive.sources(p, buildId).isEmpty())
        .findFirst();
  }

  private static List<String> workerFirst(List<String> sources) {
    return sources.stream()
        .sorted((a, b) -> Boolean.compare(!WORKER.equals(a), !WORKER.equals(b)))
        .toList();
  }
}
