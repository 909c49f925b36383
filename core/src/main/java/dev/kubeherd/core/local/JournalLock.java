package dev.kubeherd.core.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The exclusive lock on {@code journal/lock} that makes one process at a time the journal's
 * appender. The operating system drops it when the process dies, so a crash never leaves it held.
 */
final class JournalLock implements AutoCloseable {
  private static final String FILE = "lock";

  private final FileChannel channel;
  private final FileLock lock;

  private JournalLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock in {@code dir}, or empty when another process (or this one) holds it. */
  static Optional<JournalLock> tryAcquire(Path dir) {
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        channel.close();
        return Optional.empty();
      }
      return Optional.of(new JournalLock(channel, lock));
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("Could not lock the delivery journal in " + dir + ": " + e, e);
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by this process already
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // the lock goes with the channel
    }
    closeQuietly(channel);
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
