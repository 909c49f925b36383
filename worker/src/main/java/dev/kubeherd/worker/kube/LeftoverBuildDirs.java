package dev.kubeherd.worker.kube;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The build directories an ended pool process left in its scratch root: entries {@link
 * PodWorkspaces} made, a directory named like a build ID (a Kubernetes label value, as the build's
 * {@code build} label) holding the marker file {@value PodWorkspaces#MARKER} it writes first and
 * else nothing but {@code scratch} and {@code src}. Anything else in the root (files, symbolic
 * links, directories without the marker, such as a user's {@code my-app/src} when the scratch root
 * is a work directory) is not kubeherd's and is left alone. A root that another user owns or others
 * can write is not swept at all: others could have put anything there.
 *
 * <p>Removal never follows a symbolic link: a link in a checkout is removed, its target stays.
 * Where the JDK offers a {@link SecureDirectoryStream} (Linux), every step is taken relative to an
 * open directory and directories are opened without following links, so even a component replaced
 * by a link during the walk is not followed. Elsewhere the tree is walked by path without following
 * links; there a directory replaced by a link between being read and being entered could still be
 * entered, which is why the root must be this user's alone.
 */
final class LeftoverBuildDirs {
  private static final Logger LOG = LoggerFactory.getLogger(LeftoverBuildDirs.class);
  private static final Pattern BUILD_ID =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
  private static final Set<String> BUILD_ENTRIES =
      Set.of(PodWorkspaces.SOURCE, PodWorkspaces.SCRATCH);
  private static final int OTHERS_WRITE = 0002;
  private static final long ME = new UnixSystem().getUid();

  private LeftoverBuildDirs() {}

  /** What {@link #removeFrom} removed: how many build directories, how many bytes of files. */
  record Removed(int directories, long bytes) {}

  /**
   * Removes every build directory in {@code root}. A directory that cannot be removed (entirely) is
   * logged as a warning and skipped; the rest are still removed. A root this user does not own, or
   * others can write, is left as it is, with a warning.
   */
  static Removed removeFrom(Path root) {
    Optional<String> unsafe = unsafeRoot(root);
    if (unsafe.isPresent()) {
      LOG.warn(
          "Not removing directories an earlier pool process left in the scratch directory {}: {};"
              + " give the pool a directory of its own (e.g. --scratch {}/pool)",
          root,
          unsafe.get(),
          root);
      return new Removed(0, 0);
    }
    int directories = 0;
    long bytes = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
      for (Path entry : entries) {
        Tree removal = new Tree();
        try {
          if (isBuildDirectory(entry)) {
            removal.remove(entries, entry);
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

  /** Why {@code root} is not this user's alone, if it is not. */
  private static Optional<String> unsafeRoot(Path root) {
    try {
      if (Files.isSymbolicLink(root)) {
        return Optional.of("it is a symbolic link");
      }
      long owner = ((Number) Files.getAttribute(root, "unix:uid")).longValue();
      int mode = (Integer) Files.getAttribute(root, "unix:mode") & 07777;
      if (owner != ME) {
        return Optional.of("it belongs to user ID " + owner + ", not to this user (" + ME + ")");
      }
      if ((mode & OTHERS_WRITE) != 0) {
        return Optional.of(String.format("others can write to it (mode %04o)", mode));
      }
      return Optional.empty();
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.of("its owner and mode cannot be read (" + e + ")");
    }
  }

  private static boolean isBuildDirectory(Path entry) throws IOException {
    if (!BUILD_ID.matcher(entry.getFileName().toString()).matches()
        || !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
        || !Files.isRegularFile(entry.resolve(PodWorkspaces.MARKER), LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (DirectoryStream<Path> children = Files.newDirectoryStream(entry)) {
      for (Path child : children) {
        String name = child.getFileName().toString();
        if (!name.equals(PodWorkspaces.MARKER) && !BUILD_ENTRIES.contains(name)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Deletes a tree bottom-up without following links, counting the bytes of files deleted. */
  private static final class Tree {
    long bytes;

    void remove(DirectoryStream<Path> parent, Path dir) throws IOException {
      if (parent instanceof SecureDirectoryStream<Path> secure) {
        Path name = dir.getFileName();
        removeContents(secure.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS));
        secure.deleteDirectory(name);
      } else {
        Files.walkFileTree(dir, new ByPath());
      }
    }

    /** Empties and closes {@code dir}; every step is relative to it, no link is followed. */
    private void removeContents(SecureDirectoryStream<Path> dir) throws IOException {
      try (dir) {
        List<Path> names = new ArrayList<>();
        dir.forEach(entry -> names.add(entry.getFileName()));
        for (Path name : names) {
          BasicFileAttributes attrs =
              dir.getFileAttributeView(
                      name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                  .readAttributes();
          if (attrs.isDirectory()) {
            removeContents(dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS));
            dir.deleteDirectory(name);
          } else {
            dir.deleteFile(name);
            bytes += attrs.isRegularFile() ? attrs.size() : 0;
          }
        }
      }
    }

    /** The walk by path where no {@link SecureDirectoryStream} is offered. */
    private final class ByPath extends SimpleFileVisitor<Path> {
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
}
