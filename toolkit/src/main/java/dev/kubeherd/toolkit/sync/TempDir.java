package dev.kubeherd.toolkit.sync;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/** A private (0700) temporary directory, deleted with everything in it on close. */
final class TempDir implements AutoCloseable {
  final Path dir;

  private TempDir(Path dir) {
    this.dir = dir;
  }

  static TempDir under(Path scratch, String prefix) {
    try {
      Files.createDirectories(scratch);
      return new TempDir(
          Files.createTempDirectory(
              scratch,
              prefix,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
    } catch (IOException e) {
      throw new ToolkitException(
          ToolkitExitCodes.ERROR,
          "cannot create a temporary directory in " + scratch + ": " + e.getMessage());
    }
  }

  @Override
  public void close() {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // a read-only pack file: made writable and retried below
                  p.toFile().setWritable(true);
                  p.toFile().delete();
                }
              });
    } catch (IOException e) {
      dir.toFile().delete();
    }
  }
}
