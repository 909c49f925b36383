package dev.kubeherd.core.local;

import dev.kubeherd.core.local.DirectoryBuildStore.BuildFile;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code build.json} content of the builds this process stored last, with the file's stamp
 * (file key, modification time, size) when it was written, so that reading them back (the build
 * feed delivers every new build, usually within its 100 ms poll) costs a stat instead of a parse
 * while the file is unchanged. Bounded; thread-safe.
 *
 * <p>The content is held only weakly: the next garbage collection drops it, and a later read parses
 * the file. Held strongly, each build's payload (up to GitHub's 25 MB, typically 5-30 KB) survived
 * several young collections, so every collection copied the last second's payloads and promoted
 * them (P4: about 9 MB and 20 ms per young pause, the old generation growing by 13 MB/s until a
 * full collection).
 */
final class RecentBuilds {
  private static final int CAPACITY = 4096;

  private final Map<String, Written> builds =
      new LinkedHashMap<>(CAPACITY, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Written> eldest) {
          return size() > CAPACITY;
        }
      };

  /** Remembers a build just written to {@code file}; skipped when the file cannot be stat'ed. */
  void add(BuildFile build, Path file) {
    stamp(file).ifPresent(s -> put(build.id(), new Written(new WeakReference<>(build), s)));
  }

  /** The build as written, if {@code file} is still that file. */
  Optional<BuildFile> find(String buildId, Path file) {
    Written entry = get(buildId);
    if (entry == null) {
      return Optional.empty();
    }
    BuildFile build = entry.build().get();
    if (build == null || !stamp(file).equals(Optional.of(entry.stamp()))) {
      remove(buildId);
      return Optional.empty();
    }
    return Optional.of(build);
  }

  private synchronized void put(String id, Written entry) {
    builds.put(id, entry);
  }

  private synchronized Written get(String id) {
    return builds.get(id);
  }

  private static Optional<Stamp> stamp(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return a.fileKey() == null
          ? Optional.empty()
          : Optional.of(new Stamp(a.fileKey(), a.lastModifiedTime(), a.size()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private record Stamp(Object fileKey, FileTime modified, long size) {}

  private record Written(WeakReference<BuildFile> build, Stamp stamp) {}

  synchronized void remove(String buildId) {
    builds.remove(buildId);
  }
}
