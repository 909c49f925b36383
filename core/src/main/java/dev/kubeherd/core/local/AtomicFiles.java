package dev.kubeherd.core.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Whole-file writes that a crash cannot tear: the content goes to a hidden temp file in the same
 * directory, is fsynced, then renamed (or hard-linked) over the target and the directory fsynced. A
 * reader sees the old file or the new one, never a part. Temp files start with {@code .} and end
 * with {@code .tmp}; readers skip them (see {@link #isTemp(Path)}).
 */
public final class AtomicFiles {
  static final String TEMP_SUFFIX = ".tmp";

  private AtomicFiles() {}

  /** Replaces {@code target} with {@code content} atomically; creates it if absent. */
  public static void write(Path target, byte[] content) {
    write(target, content, true);
  }

  /**
   * Like {@link #write(Path, byte[])}, but without any fsync when {@code durable} is false: readers
   * still never see a part, but a machine crash may lose the file or leave it empty. For files a
   * journal can rebuild; make them durable later with {@link #syncFile}.
   */
  static void write(Path target, byte[] content, boolean durable) {
    Path temp = writeTemp(target, content, durable);
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      if (durable) {
        syncDirectory(target.getParent());
      }
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new UncheckedIOException("Could not write " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Creates {@code target} holding {@code content}, atomically and only if it does not exist yet:
   * of several processes racing, exactly one gets {@code true}. The file appears fully written.
   */
  public static boolean createExclusive(Path target, byte[] content) {
    return createExclusive(target, content, true);
  }

  /** {@link #createExclusive(Path, byte[])}, without fsync when {@code durable} is false. */
  static boolean createExclusive(Path target, byte[] content, boolean durable) {
    Path temp = writeTemp(target, content, durable);
    try {
      Files.createLink(target, temp);
      if (durable) {
        syncDirectory(target.getParent());
      }
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create " + target + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /** Whether {@code file} is a temp file left by a write in progress (or killed mid-way). */
  public static boolean isTemp(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(".") && name.endsWith(TEMP_SUFFIX);
  }

  /**
   * Creates {@code target} holding {@code content} only if it does not exist yet, writing it in
   * place and without fsync: one create instead of {@link #createExclusive}'s temp file, link and
   * unlink. Of several processes racing, exactly one gets {@code true}; but a reader may find the
   * file empty or partly written while the winner writes it, and a crash may leave it so. Only for
   * files a journal rewrites on restart and whose readers wait for the content (delivery records).
   */
  static boolean createInPlace(Path target, byte[] content) {
    FileChannel ch;
    try {
      ch = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create " + target + ": " + e.getMessage(), e);
    }
    try {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
    } catch (IOException e) {
      closeQuietly(ch);
      deleteQuietly(target); // ours: created above, and only half written
      throw new UncheckedIOException("Could not write " + target + ": " + e.getMessage(), e);
    }
    try {
      ch.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not close " + target + ": " + e.getMessage(), e);
    }
    return true;
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      // the write failed already; that is what gets reported
    }
  }

  /**
   * The name a temp file for {@code target} gets; unique per call (64 random bits and the time: a
   * clash would only make a write fail, never mix files). Not {@code UUID.randomUUID()}: that draws
   * from the shared SecureRandom on every write.
   */
  static Path tempFor(Path target) {
    return target.resolveSibling(
        "."
            + target.getFileName()
            + "."
            + Long.toHexString(ThreadLocalRandom.current().nextLong())
            + Long.toHexString(System.nanoTime())
            + TEMP_SUFFIX);
  }

  /**
   * Makes the content of a file written without fsync durable (its directory entry needs {@link
   * #syncDirectory}); a missing file is skipped (it was deleted meanwhile).
   */
  static void syncFile(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    } catch (NoSuchFileException e) {
      return;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not sync " + file + ": " + e.getMessage(), e);
    }
  }

  private static Path writeTemp(Path target, byte[] content, boolean durable) {
    Path temp = tempFor(target);
    try (FileChannel ch =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      if (durable) {
        ch.force(true);
      }
      return temp;
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new UncheckedIOException("Could not write " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Makes a rename, link or delete in {@code dir} durable. Skipped where directories cannot be
   * opened (Windows); the rename itself is still atomic there.
   *
   * @throws UncheckedIOException when the sync fails, or the thread was interrupted during it: the
   *     entries may not be durable, so nothing that relies on them (deleting the journal segment
   *     that could rebuild them) may go ahead
   */
  static void syncDirectory(Path dir) {
    FileChannel ch;
    try {
      ch = FileChannel.open(dir, StandardOpenOption.READ);
    } catch (IOException | UnsupportedOperationException e) {
      return; // this platform cannot open a directory
    }
    try (ch) {
      ch.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not sync directory " + dir + " (its entries may not be durable): " + e, e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover temp file is harmless: readers skip it.
    }
  }
}
