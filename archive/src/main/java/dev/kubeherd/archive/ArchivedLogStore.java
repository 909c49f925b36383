package dev.kubeherd.archive;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.port.LogSink;
import dev.kubeherd.core.port.LogStore;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A {@link LogStore} that reads from the {@link S3LogArchive} once the store no longer has the
 * build's logs: the build is gone (deleted with its log ConfigMaps, vacuumed) or finished with no
 * log left in the store (local files removed). A build still pending or running is read from the
 * store only, so following its (still empty) log never calls S3. Writes go to the store only: the
 * archive is filled by {@link BuildLogArchiver} when builds finish. A failed archive read is a
 * {@link LogArchiveException}, a {@link dev.kubeherd.core.StoreUnavailableException}.
 */
public final class ArchivedLogStore implements LogStore {
  private final LogStore store;
  private final S3LogArchive archive;
  private final Function<String, Optional<Build>> buildOf;

  /**
   * @param buildOf the build while it is still stored; when it is gone the archive's projects are
   *     searched for it
   */
  public ArchivedLogStore(
      LogStore store, S3LogArchive archive, Function<String, Optional<Build>> buildOf) {
    this.store = store;
    this.archive = archive;
    this.buildOf = buildOf;
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
    return archivedProject(buildId, () -> !store.sources(buildId).isEmpty())
        .flatMap(p -> archive.get(p, buildId, source))
        .orElse("");
  }

  @Override
  public List<String> sources(String buildId) {
    List<String> stored = store.sources(buildId);
    if (!stored.isEmpty()) {
      return stored;
    }
    return archivedProject(buildId, () -> false)
        .map(p -> workerFirst(archive.sources(p, buildId)))
        .orElse(List.of());
  }

  /**
   * The project to read the build's logs from the archive under; empty while the store still
   * answers for the build (it has not finished, or the store holds logs of it).
   */
  private Optional<String> archivedProject(String buildId, BooleanSupplier storeHasLogs) {
    Optional<Build> build = buildOf.apply(buildId);
    if (build.isPresent()) {
      boolean live = !build.get().status().phase().isTerminal() || storeHasLogs.getAsBoolean();
      return live ? Optional.empty() : Optional.of(build.get().projectId());
    }
    if (storeHasLogs.getAsBoolean()) {
      return Optional.empty();
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
