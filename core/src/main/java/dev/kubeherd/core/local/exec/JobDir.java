package dev.kubeherd.core.local.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
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
 * The private directory (mode {@code 0700}) of one job run under an executor's work directory,
 * named {@code <podName>-<n>} so reruns never collide. Holds the generated scripts, readable only
 * by this user unless written for a container, and the {@link JobGroup} the job leads; deleted when
 * the job ends. The work directory is checked first ({@link PrivateWorkDir}).
 */
final class JobDir {
  private static final Logger LOG = LoggerFactory.getLogger(JobDir.class);
  private static final AtomicLong SEQUENCE = new AtomicLong();
  private static final int ATTEMPTS = 100;
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> READABLE_FILE =
      PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> READABLE_DIR =
      PosixFilePermissions.fromString("rwxr-xr-x");

  private final Path path;
  private final List<Path> written = new ArrayList<>();

  private JobDir(Path path) {
    this.path = path;
  }

  static JobDir create(WorkDir workDir, String podName) throws IOException {
    Path base = PrivateWorkDir.secure(workDir);
    for (int attempt = 1; ; attempt++) {
      Path path = base.resolve(podName + "-" + SEQUENCE.incrementAndGet());
      try {
        Files.createDirectory(path, PrivateWorkDir.OWNER_ONLY_DIR);
        return new JobDir(path);
      } catch (FileAlreadyExistsException e) {
        if (attempt == ATTEMPTS) { // left by earlier runs, which count from 1 again
          throw e;
        }
      }
    }
  }

  /** A job directory left by an earlier process, to be deleted ({@link JobGroups}). */
  static JobDir existing(Path path) {
    return new JobDir(path);
  }

  Path path() {
    return path;
  }

  /** Writes {@code content} to a new file {@code relative} only the owner can read. */
  Path write(String relative, String content) throws IOException {
    Path file = newFile(relative, PrivateWorkDir.OWNER_ONLY);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    return Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.WRITE);
  }

  /**
   * Writes {@code content} to a new file {@code relative} in a new subdirectory, both readable by
   * everyone: for a directory mounted into a container, whose user may not be this user. Other
   * users of this host still cannot reach it through the job directory.
   */
  Path writeReadable(String relative, String content) throws IOException {
    Path file = newFile(relative, READABLE_DIR);
    Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
    Files.setPosixFilePermissions(file, READABLE_FILE); // the umask may have narrowed both
    Files.setPosixFilePermissions(file.getParent(), READABLE_DIR);
    return file;
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

  private Path newFile(String relative, Set<PosixFilePermission> parentMode) throws IOException {
    Path file = path.resolve(relative);
    Path parent = file.getParent();
    if (!parent.equals(path) && !Files.isDirectory(parent)) {
      Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(parentMode));
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
