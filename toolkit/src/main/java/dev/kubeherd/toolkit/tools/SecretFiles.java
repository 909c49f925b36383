package dev.kubeherd.toolkit.tools;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Decrypted secrets on disk for as long as a tool needs them, and not a moment longer: use with
 * try-with-resources. Files are created 0600 (never readable by others, not even briefly) either in
 * a private 0700 directory of their own or next to their encrypted source (where helmfile expects
 * {@code brigade-project.secrets.yaml}); {@link #close()} overwrites and deletes every one of them
 * and the directory, on success and on failure alike, and so does the JVM being stopped ({@link
 * ShutdownCleanup}). Contents are never logged.
 */
public final class SecretFiles implements AutoCloseable {
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIR =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  private final Path dir;
  private final List<Path> written = new ArrayList<>();
  private final ShutdownCleanup.Registration onStop;
  private boolean shredded;

  private SecretFiles(Path dir, ShutdownCleanup cleanup) {
    this.dir = dir;
    this.onStop = cleanup.add("the decrypted secrets of " + dir, this::shredAll);
  }

  /** Opens a private directory (0700) under {@code scratch} (never the working directory). */
  public static SecretFiles open(Path scratch) {
    return open(scratch, ShutdownCleanup.jvm());
  }

  static SecretFiles open(Path scratch, ShutdownCleanup cleanup) {
    try {
      Files.createDirectories(scratch);
      return new SecretFiles(
          Files.createTempDirectory(scratch, "kubeherd-secrets-", OWNER_ONLY_DIR), cleanup);
    } catch (IOException e) {
      throw new ToolkitException(
          ToolkitExitCodes.ERROR,
          "cannot create a private directory for secrets in " + scratch + ": " + e.getMessage());
    }
  }

  /** The private directory. */
  public Path dir() {
    return dir;
  }

  /** Writes {@code content} to a new 0600 file {@code name} in the private directory. */
  public Path write(String name, byte[] content) {
    Path file = dir.resolve(name).normalize();
    if (!file.getParent().equals(dir)) {
      throw new IllegalArgumentException("'" + name + "' is not a plain file name");
    }
    return create(file, content);
  }

  /**
   * Writes {@code content} to {@code file}, a new 0600 file anywhere (next to the encrypted file
   * helmfile reads it from), removed on close like the others.
   *
   * @throws ToolkitException (exit code 4) when the file already exists: it is never overwritten
   */
  public Path writeAt(Path file, byte[] content) {
    return create(file, content);
  }

  /**
   * Creates {@code file} unless the secrets were shredded already: by the shutdown hook while the
   * caller was still decrypting, say, when a file written now would outlive the JVM.
   */
  private synchronized Path create(Path file, byte[] content) {
    if (shredded) {
      throw new ToolkitException(
          ToolkitExitCodes.ERROR,
          "not writing secret file "
              + file
              + ": the decrypted secrets of "
              + dir
              + " were deleted already (kubeherd is stopping: SIGTERM or Ctrl-C)");
    }
    try {
      Files.createFile(file, OWNER_ONLY_FILE);
      written.add(file);
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
        out.write(content);
      }
      return file;
    } catch (FileAlreadyExistsException e) {
      throw new ToolkitException(
          ToolkitExitCodes.CONFLICT,
          file + " already exists; remove it (decrypted secrets are never overwritten)");
    } catch (IOException e) {
      throw new ToolkitException(
          ToolkitExitCodes.ERROR, "cannot write secret file " + file + ": " + e.getMessage());
    }
  }

  /** Overwrites with zeros and deletes every file written, then the private directory. */
  @Override
  public void close() {
    onStop.close();
    shredAll();
  }

  private synchronized void shredAll() {
    shredded = true;
    written.forEach(SecretFiles::shred);
    written.clear();
    try (Stream<Path> left = Files.walk(dir)) {
      left.sorted(Comparator.reverseOrder()).forEach(SecretFiles::delete);
    } catch (IOException e) {
      delete(dir);
    }
  }

  private static void shred(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      long size = channel.size();
      ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(size, 1 << 16));
      for (long done = 0; done < size; done += zeros.capacity()) {
        zeros.clear().limit((int) Math.min(zeros.capacity(), size - done));
        channel.write(zeros, done);
      }
    } catch (IOException e) {
      // deleted below all the same
    }
    delete(file);
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // the private directory is 0700; a leftover is reported by the tests, not hidden
    }
  }
}
