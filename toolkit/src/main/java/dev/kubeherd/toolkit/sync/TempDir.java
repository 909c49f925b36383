package dev.kubeherd.toolkit.sync;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import dev.kubeherd.toolkit.tools.ShutdownCleanup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A private (0700) temporary directory, deleted with everything in it on close, or when the JVM is
 * stopped before ({@link ShutdownCleanup}).
 */
final class TempDir implements AutoCloseable {
  final Path dir;
  private final ShutdownCleanup.Registration onStop;

  private TempDir(Path dir) {
    this.dir = dir;
    this.onStop = ShutdownCleanup.register("the temporary directory " + dir, this::delete);
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
    onStop.close();
    delete();
  }

  private void delete() {
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
    } catch (IOException | UncheckedIOException e) { // deleted by the other of close and stop
      dir.toFile().delete();
    }
  }
}
