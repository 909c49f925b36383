package dev.kubeherd.core.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * An append-only log of records under {@code journal/} in the {@link LocalHome}, made durable by
 * group commit: {@link #append} returns once its record is on disk, and one {@code fdatasync}
 * covers every record written while the previous one ran. The log is a series of segment files
 * ({@code journal/<n>.log}); {@link #rotate} closes the active one so it can be processed and
 * {@link #delete deleted}. One process appends at a time: {@link #open} takes an exclusive lock on
 * {@code journal/lock} for the journal's life.
 *
 * <p>A record is framed as its length, its CRC-32C and its bytes. A crash can tear only the tail of
 * the last segment, and a torn record was never acknowledged: {@link #read} stops there.
 */
public final class DeliveryJournal implements AutoCloseable {
  static final String DIR = "journal";
  private static final String LOCK_FILE = "lock";
  private static final String SUFFIX = ".log";
  private static final int HEADER = 8;

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final List<Path> existing;

  // guarded by this
  private FileChannel active;
  private Path activePath;
  private long nextSegment;
  private long written;
  private long durable;
  private boolean forcing;
  private boolean closed;
  private String broken;

  private DeliveryJournal(Path dir, FileChannel lockChannel, FileLock lock, List<Path> existing)
      throws IOException {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.existing = existing;
    this.nextSegment = existing.isEmpty() ? 1 : number(existing.getLast()) + 1;
    startSegment();
  }

  /**
   * Opens the journal of {@code home} for appending, or empty when another process has it open.
   * Segments left by an earlier process are listed by {@link #leftOver()}.
   */
  public static Optional<DeliveryJournal> open(LocalHome home) {
    Path dir = home.root().resolve(DIR);
    LocalHome.ensureDir(dir);
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        channel.close();
        return Optional.empty();
      }
      return Optional.of(new DeliveryJournal(dir, channel, lock, segments(dir)));
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("Could not open the delivery journal in " + dir + ": " + e, e);
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by this process already
    }
  }

  /** Segments an earlier process left (it crashed or stopped), oldest first. */
  public List<Path> leftOver() {
    return existing;
  }

  /** Appends {@code record} and returns once it is durable. */
  public void append(byte[] record) {
    long mine;
    FileChannel channel;
    long target;
    synchronized (this) {
      checkOpen();
      writeFully(active, frame(record));
      mine = ++written;
      while (durable < mine && forcing) {
        awaitForce();
      }
      if (durable >= mine) {
        return;
      }
      forcing = true;
      channel = active;
      target = written;
    }
    boolean done = false;
    try {
      channel.force(false);
      done = true;
    } catch (IOException e) {
      throw new UncheckedIOException(fail("could not sync it: " + e), e);
    } finally {
      synchronized (this) {
        forcing = false;
        if (done) {
          durable = Math.max(durable, target);
        }
        notifyAll();
      }
    }
  }

  /**
   * Closes the active segment (durably) and starts a new one.
   *
   * @return the closed segment, to {@link #read} and then {@link #delete}
   */
  public synchronized Path rotate() {
    checkOpen();
    Path closedSegment = activePath;
    try {
      finishActive();
      startSegment();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not rotate the delivery journal " + dir + ": " + e, e);
    }
    return closedSegment;
  }

  /** Bytes in the active segment. */
  public synchronized long activeSize() {
    try {
      return active.size();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not size " + activePath + ": " + e, e);
    }
  }

  /** Every whole record of {@code segment} in order; stops at a torn or damaged tail. */
  public static void read(Path segment, Consumer<byte[]> each) {
    ByteBuffer all;
    try {
      all = ByteBuffer.wrap(Files.readAllBytes(segment));
    } catch (NoSuchFileException e) {
      return;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read journal segment " + segment + ": " + e, e);
    }
    while (all.remaining() >= HEADER) {
      int length = all.getInt();
      int crc = all.getInt();
      if (length < 0 || length > all.remaining()) {
        return; // torn tail
      }
      byte[] record = new byte[length];
      all.get(record);
      if (crc(record) != crc) {
        return; // damaged tail
      }
      each.accept(record);
    }
  }

  /** Deletes a segment whose records are all applied durably elsewhere. */
  public void delete(Path segment) {
    try {
      Files.deleteIfExists(segment);
      AtomicFiles.syncDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete journal segment " + segment + ": " + e, e);
    }
  }

  /** Closes the active segment (it stays, to be read and deleted) and releases the lock. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      finishActive();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not close the delivery journal " + dir + ": " + e, e);
    } finally {
      try {
        lock.release();
      } catch (IOException e) {
        // the lock goes with the channel
      }
      closeQuietly(lockChannel);
    }
  }

  /** The segments in the journal directory now, oldest first. */
  public static List<Path> segments(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> segments =
          new ArrayList<>(
              files.filter(f -> f.getFileName().toString().matches("[0-9]{20}\\.log")).toList());
      segments.sort(null);
      return segments;
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list the delivery journal " + dir + ": " + e, e);
    }
  }

  private void finishActive() throws IOException {
    while (forcing) {
      awaitForce();
    }
    active.force(false);
    durable = written;
    boolean empty = active.size() == 0;
    active.close();
    if (empty) {
      Files.deleteIfExists(activePath);
    }
  }

  private void startSegment() throws IOException {
    activePath = dir.resolve(String.format("%020d", nextSegment++) + SUFFIX);
    active = FileChannel.open(activePath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    AtomicFiles.syncDirectory(dir);
  }

  private void awaitForce() {
    try {
      wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the delivery journal", e);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the delivery journal in " + dir + " is closed");
    }
    if (broken != null) {
      throw new UncheckedIOException(
          new IOException(
              "the delivery journal in "
                  + dir
                  + " stopped after an I/O error ("
                  + broken
                  + "); fix the disk and restart the gateway"));
    }
  }

  /**
   * Stops appending after a failed write or sync: a partly written record would hide every later
   * one from {@link #read}, and after a failed sync the kernel may have dropped the data.
   */
  private synchronized String fail(String why) {
    if (broken == null) {
      broken = why;
    }
    return "Delivery journal " + dir + ": " + why + "; fix the disk and restart the gateway";
  }

  private static ByteBuffer frame(byte[] record) {
    ByteBuffer buf = ByteBuffer.allocate(HEADER + record.length);
    buf.putInt(record.length).putInt(crc(record)).put(record).flip();
    return buf;
  }

  private static int crc(byte[] record) {
    CRC32C crc = new CRC32C();
    crc.update(record);
    return (int) crc.getValue();
  }

  private void writeFully(FileChannel channel, ByteBuffer buf) {
    try {
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(fail("could not write to it: " + e), e);
    }
  }

  private static long number(Path segment) {
    String name = segment.getFileName().toString();
    return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
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
