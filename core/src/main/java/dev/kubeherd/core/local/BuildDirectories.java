package dev.kubeherd.core.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The build directories in {@code builds/} as a whole: which there are, and removing one so that no
 * reader ever sees it half gone. Shared by {@link DirectoryBuildStore} and {@link
 * DirectoryBuildFeed}.
 */
final class BuildDirectories {
  private static final Logger LOG = LoggerFactory.getLogger(BuildDirectories.class);

  private final LocalHome home;

  BuildDirectories(LocalHome home) {
    this.home = home;
  }

  /**
   * The build IDs in {@code builds/}, in no order (names only: no path objects, no stat per entry);
   * empty when there is no {@code builds/}. Hidden names (temp files, deleted builds) are skipped.
   */
  List<String> listIds() {
    File dir = home.buildsDir().toFile();
    String[] names = dir.list();
    if (names == null) {
      if (dir.exists()) {
        throw new UncheckedIOException(
            "Could not list " + home.buildsDir() + ": not a readable directory",
            new IOException("cannot list " + dir));
      }
      return List.of();
    }
    List<String> ids = new ArrayList<>(names.length);
    for (String name : names) {
      if (LocalHome.isSafeName(name)) {
        ids.add(name);
      }
    }
    return ids;
  }

  /**
   * Deletes a build's directory: one rename hides it from readers, then its files go.
   *
   * @return false when there was no such directory
   */
  boolean delete(String buildId) {
    Path trash = home.buildsDir().resolve(".deleted-" + buildId + "-" + UUID.randomUUID());
    try {
      Files.move(home.buildDir(buildId), trash);
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete build " + buildId + ": " + e, e);
    }
    deleteTree(trash);
    return true;
  }

  /** Removes a build already moved out of sight; leftovers are hidden, so failure only warns. */
  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Deleted build left files in {} that could not be removed: {}", root, e.toString());
    }
  }
}
