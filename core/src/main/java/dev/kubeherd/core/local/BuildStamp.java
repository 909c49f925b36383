package dev.kubeherd.core.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * What tells one stored version of a build from the next, for {@link DirectoryBuildFeed}: its
 * {@code status.json} (absent before the first status write; every write replaces the file, so it
 * gets a new file key). The build file is written once and not part of it.
 */
record BuildStamp(Object statusKey, FileTime statusModified, long statusSize) {
  private static final BuildStamp PENDING = new BuildStamp(null, FileTime.fromMillis(0), -1);

  /** Empty while the build file is missing (the build is being created or was deleted). */
  static Optional<BuildStamp> of(LocalHome home, String id) {
    Path dir = home.buildDir(id);
    if (!Files.isRegularFile(dir.resolve(DirectoryBuildStore.BUILD_FILE))) {
      return Optional.empty();
    }
    Path file = dir.resolve(DirectoryBuildStore.STATUS_FILE);
    try {
      // null when missing (a pending build): no exception with a stack trace for every new build
      BasicFileAttributes status =
          file.getFileSystem().provider().readAttributesIfExists(file, BasicFileAttributes.class);
      return Optional.of(
          status == null
              ? PENDING
              : new BuildStamp(status.fileKey(), status.lastModifiedTime(), status.size()));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the status of build " + id + ": " + e, e);
    }
  }

  /** Whether the build has no {@code status.json} yet: pending, never claimed. */
  boolean pending() {
    return equals(PENDING);
  }

  /** The modification time of a build's directory; empty when it is gone. */
  static Optional<FileTime> modified(Path dir) {
    try {
      BasicFileAttributes attributes =
          dir.getFileSystem().provider().readAttributesIfExists(dir, BasicFileAttributes.class);
      return Optional.ofNullable(attributes).map(BasicFileAttributes::lastModifiedTime);
    } catch (IOException e) {
      return Optional.empty(); // deleted meanwhile; the full check decides
    }
  }
}
