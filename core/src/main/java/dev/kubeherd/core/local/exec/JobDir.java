package dev.kubeherd.core.local.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The private directory of one job run under an executor's work directory, named {@code
 * <podName>-<n>} so reruns never collide. Holds the generated scripts; deleted when the job ends.
 */
final class JobDir {
  private static final Logger LOG = LoggerFactory.getLogger(JobDir.class);
  private static final AtomicLong SEQUENCE = new AtomicLong();
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final Path path;
  private final List<Path> written = new ArrayList<>();

  private JobDir(Path path) {
    this.path = path;
  }

  static JobDir create(Path workDir, String podName) throws IOException {
    Path path = workDir.resolve(podName + "-" + SEQUENCE.incrementAndGet());
    Files.createDirectories(path);
    return new JobDir(path);
  }

  Path path() {
    return path;
  }

  /** Writes {@code content} to {@code relative} (parents created), readable by everyone. */
  Path write(String relative, String content) throws IOException {
    Path file = newFile(relative);
    return Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  /** Writes {@code content} to a new file only the owner can read (for secrets). */
  Path writePrivate(String relative, String content) throws IOException {
    Path file = newFile(relative);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    return Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.WRITE);
  }

  /**
   * Deletes the directory and everything in it; failures are logged, not thrown. The files this
   * class wrote are deleted directly (cheap); a walk is needed only if the job left files behind.
   */
  void delete() {
    try {
      for (int i = written.size() - 1; i >= 0; i--) {
        Files.deleteIfExists(written.get(i));
      }
      Files.deleteIfExists(path);
    } catch (IOException e) {
      deleteTree();
    }
  }

  private Path newFile(String relative) throws IOException {
    Path file = path.resolve(relative);
    Path parent = file.getParent();
    if (!parent.equals(path) && !Files.isDirectory(parent)) {
      Files.createDirectories(parent);
      written.add(parent);
    }
    written.add(file);
    return file;
  }

  private void deleteTree() {
    try (Stream<Path> files = Files.walk(path)) {
      files.sorted(Comparator.reverseOrder()).forEach(JobDir::deleteOne);
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Cannot delete job directory {}: {}", path, e.toString());
    }
  }

  private static void deleteOne(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
