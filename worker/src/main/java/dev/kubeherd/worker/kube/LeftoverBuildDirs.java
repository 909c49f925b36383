package dev.kubeherd.worker.kube;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The build directories an ended pool process left in its scratch root: entries laid out as {@link
 * PodWorkspaces#perBuild} makes them, a directory named like a build ID (a Kubernetes label value,
 * as the build's {@code build} label) holding nothing but {@code scratch} and {@code src}. Anything
 * else in the root (files, symbolic links, other directories) is not kubeherd's and is left alone.
 * Removal never follows a symbolic link: a link in a checkout is removed, its target stays.
 */
final class LeftoverBuildDirs {
  private static final Logger LOG = LoggerFactory.getLogger(LeftoverBuildDirs.class);
  private static final Pattern BUILD_ID =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
  private static final Set<String> BUILD_ENTRIES =
      Set.of(PodWorkspaces.SOURCE, PodWorkspaces.SCRATCH);

  private LeftoverBuildDirs() {}

  /** What {@link #removeFrom} removed: how many build directories, how many bytes of files. */
  record Removed(int directories, long bytes) {}

  /**
   * Removes every build directory in {@code root}. A directory that cannot be removed (entirely) is
   * logged as a warning and skipped; the rest are still removed.
   */
  static Removed removeFrom(Path root) {
    int directories = 0;
    long bytes = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
      for (Path entry : entries) {
        TreeRemoval removal = new TreeRemoval();
        try {
          if (isBuildDirectory(entry)) {
            Files.walkFileTree(entry, removal);
            directories++;
          }
        } catch (IOException e) {
          LOG.warn(
              "Could not remove {}, a build directory an earlier pool process left ({}); delete it"
                  + " by hand",
              entry,
              e.toString());
        }
        bytes += removal.bytes;
      }
    } catch (IOException e) {
      LOG.warn(
          "Could not list the pool's scratch directory {} for directories an earlier process left"
              + " ({}); they stay",
          root,
          e.toString());
    }
    return new Removed(directories, bytes);
  }

  private static boolean isBuildDirectory(Path entry) throws IOException {
    if (!BUILD_ID.matcher(entry.getFileName().toString()).matches()
        || !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    int count = 0;
    try (DirectoryStream<Path> children = Files.newDirectoryStream(entry)) {
      for (Path child : children) {
        if (!BUILD_ENTRIES.contains(child.getFileName().toString())) {
          return false;
        }
        count++;
      }
    }
    return count > 0;
  }

  /** Deletes a tree bottom-up without following links, counting the bytes of files deleted. */
  private static final class TreeRemoval extends SimpleFileVisitor<Path> {
    long bytes;

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
      Files.delete(file);
      if (attrs.isRegularFile()) {
        bytes += attrs.size();
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
      if (e != null) {
        throw e;
      }
      Files.delete(dir);
      return FileVisitResult.CONTINUE;
    }
  }
}
