package dev.kubeherd.core.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive lock on {@code journal/lock} that makes one process at a time the journal's
 * appender. The operating system drops it when the process dies, so a crash never leaves it held.
 *
 * <p>The lock is a POSIX record lock, which the process loses when it closes <em>any</em> file
 * descriptor of the lock file. So a second attempt in the process that holds it is refused from
 * memory ({@link #HELD}), without opening the file: opening and closing it would silently hand the
 * journal to the next process that asks.
 */
final class JournalLock implements AutoCloseable {
  private static final String FILE = "lock";

  /** The journal directories whose lock this process holds. */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;
  private boolean closed;

  private JournalLock(Path key, FileChannel channel, FileLock lock) {
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock in {@code dir}, or empty when another process (or this one) holds it. */
  static Optional<JournalLock> tryAcquire(Path dir) {
    Path key = identity(dir);
    if (!HELD.add(key)) {
      return Optional.empty(); // this process has it
    }
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        channel.close(); // another process holds it; this process held none to lose
        HELD.remove(key);
        return Optional.empty();
      }
      return Optional.of(new JournalLock(key, channel, lock));
    } catch (IOException e) {
      closeQuietly(channel);
      HELD.remove(key);
      throw new UncheckedIOException("Could not lock the delivery journal in " + dir + ": " + e, e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      HELD.remove(key);
      throw e;
    }
  }

  /** The directory's real path, so two names of one directory are one key. */
  private static Path identity(Path dir) {
    try {
      return dir.toRealPath();
    } catch (IOException e) {
      return dir.toAbsolutePath().normalize();
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held through another channel of this process (not one of ours)
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      lock.release();
    } catch (IOException e) {
      // the lock goes with the channel
    }
    closeQuietly(channel);
    HELD.remove(key);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing more to do
      }
    }
  }
}
