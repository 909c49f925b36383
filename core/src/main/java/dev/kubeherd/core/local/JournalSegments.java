package dev.kubeherd.core.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The on-disk format of {@link DeliveryJournal} segments: files {@code <20-digit number>.log}, each
 * a sequence of records framed as length (4 bytes), CRC-32C (4 bytes) and content. Pure functions
 * and reads; no state.
 */
public final class JournalSegments {
  static final String SUFFIX = ".log";
  static final String LAST_NUMBER = "last-segment";
  private static final int HEADER = 8;
  private static final int MARK = 16;
  private static final int LEGACY_MARK = 8;
  private static final int MARK_READS = 3;

  private JournalSegments() {}

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

  /** A whole record read from a segment, with the position of its frame. */
  record Framed(long offset, byte[] record) {}

  /**
   * Every whole, durable record of {@code segment} from byte {@code offset} on, in order (durable:
   * within its {@link #syncedMark}); stops before a record that is not fully written or synced yet
   * (or torn or damaged), so a later call from the returned offset picks it up once it is.
   *
   * @return the offset after the last whole record read; {@code offset} itself when the segment is
   *     gone
   */
  static long readFrom(Path segment, long offset, Consumer<Framed> each) {
    long readable = readable(segment);
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
      long size = Math.min(ch.size(), readable);
      long at = offset;
      ByteBuffer header = ByteBuffer.allocate(HEADER);
      while (size - at >= HEADER) {
        header.clear();
        readFully(ch, header, at);
        int length = header.getInt(0);
        if (length < 0 || length > size - at - HEADER) {
          break;
        }
        byte[] record = new byte[length];
        readFully(ch, ByteBuffer.wrap(record), at + HEADER);
        if (crc(record) != header.getInt(4)) {
          break;
        }
        each.accept(new Framed(at, record));
        at += HEADER + length;
      }
      return at;
    } catch (NoSuchFileException e) {
      return offset;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read journal segment " + segment + ": " + e, e);
    }
  }

  /** The whole record whose frame starts at {@code offset}; empty when the segment is gone. */
  static Optional<byte[]> readAt(Path segment, long offset) {
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
      ByteBuffer header = ByteBuffer.allocate(HEADER);
      readFully(ch, header, offset);
      byte[] record = new byte[header.getInt(0)];
      readFully(ch, ByteBuffer.wrap(record), offset + HEADER);
      if (crc(record) != header.getInt(4)) {
        throw new IOException("the record at " + offset + " fails its checksum");
      }
      return Optional.of(record);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      throw new UncheckedIOException(
          "Could not read journal segment " + segment + " at " + offset + ": " + e,
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    while (buf.hasRemaining()) {
      if (ch.read(buf, position + buf.position()) < 0) {
        throw new IOException("the segment ends at " + (position + buf.position()));
      }
    }
  }

  /**
   * The file beside an active segment that says how much of it is durable ({@code <name>.synced}:
   * the size as 8 bytes, then its bitwise complement as 8 more; rewritten after every sync, itself
   * not synced), so other processes never read a record before its sync returned. Absent for
   * segments an earlier process left: all of those is read.
   */
  static Path syncedMark(Path segment) {
    return segment.resolveSibling(segment.getFileName() + ".synced");
  }

  /** Creates the mark of a new segment, saying nothing of it is durable yet. */
  static FileChannel openSynced(Path segment) throws IOException {
    FileChannel ch =
        FileChannel.open(
            syncedMark(segment),
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    markSynced(ch, 0);
    return ch;
  }

  static void markSynced(FileChannel mark, long size) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(MARK).putLong(size).putLong(~size).flip();
    while (buf.hasRemaining()) {
      mark.write(buf, buf.position());
    }
  }

  /**
   * How much of {@code segment} readers may read: all of it when it has no mark. The writer
   * rewrites the mark in place while readers read it, without a lock, so a read can catch half of a
   * rewrite; the complement shows that, and such a read is retried. A mark still unreadable after
   * that (or one being created) lets nothing be read this time: the next look gets it whole.
   */
  static long readable(Path segment) {
    Path mark = syncedMark(segment);
    return readable(() -> Files.readAllBytes(mark), mark);
  }

  /** What reads a mark's bytes (a seam for tests that tear a read). */
  @FunctionalInterface
  interface MarkReader {
    byte[] read() throws IOException;
  }

  /** {@link #readable(Path)} with the mark read by {@code reader}. */
  static long readable(MarkReader reader, Path mark) {
    for (int attempt = 0; attempt < MARK_READS; attempt++) {
      byte[] bytes;
      try {
        bytes = reader.read();
      } catch (NoSuchFileException e) {
        return Long.MAX_VALUE;
      } catch (IOException e) {
        throw new UncheckedIOException("Could not read " + mark + ": " + e, e);
      }
      OptionalLong size = markedSize(bytes);
      if (size.isPresent()) {
        return size.getAsLong();
      }
    }
    return 0;
  }

  /** The size a mark's bytes say; empty when they are torn or incomplete. */
  static OptionalLong markedSize(byte[] mark) {
    ByteBuffer buf = ByteBuffer.wrap(mark);
    if (mark.length == MARK && buf.getLong(8) == ~buf.getLong(0)) {
      return OptionalLong.of(buf.getLong(0));
    }
    if (mark.length == LEGACY_MARK) {
      return OptionalLong.of(buf.getLong(0)); // written by a version without the complement
    }
    return OptionalLong.empty();
  }

  /** Removes a segment's mark (when the segment is deleted, or all of it is to be read). */
  static void forgetSynced(Path segment) {
    try {
      Files.deleteIfExists(syncedMark(segment));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete " + syncedMark(segment) + ": " + e, e);
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

  /** {@code record} framed: its {@link #frameHeader header}, then its bytes. */
  static ByteBuffer frame(byte[] record) {
    return ByteBuffer.allocate(HEADER + record.length).put(frameHeader(record)).put(record).flip();
  }

  /**
   * What precedes {@code record} in a segment: its length and CRC-32C. The journal writes the two
   * with one gathering write, so a record is never copied to be framed.
   */
  static ByteBuffer frameHeader(byte[] record) {
    return ByteBuffer.allocate(HEADER).putInt(record.length).putInt(crc(record)).flip();
  }

  private static int crc(byte[] record) {
    CRC32C crc = new CRC32C();
    crc.update(record);
    return (int) crc.getValue();
  }

  /**
   * The highest segment number this journal directory has used, from its {@code last-segment} file;
   * 0 when there is none. Segments are deleted once retired, so without it a journal emptied by
   * retirement would number its next segment by the clock alone, and a clock set back could reuse a
   * number that a long-lived reader remembers as read.
   */
  static long lastNumber(Path dir) {
    try {
      byte[] last = Files.readAllBytes(dir.resolve(LAST_NUMBER));
      return last.length == 8 ? ByteBuffer.wrap(last).getLong() : 0;
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + dir.resolve(LAST_NUMBER) + ": " + e, e);
    }
  }

  /** Remembers {@code n} as the highest segment number used (durably, before it is used). */
  static void rememberNumber(Path dir, long n) {
    AtomicFiles.write(dir.resolve(LAST_NUMBER), ByteBuffer.allocate(8).putLong(n).array(), true);
  }

  static long number(Path segment) {
    String name = segment.getFileName().toString();
    return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
  }

  /** The file name of segment number {@code n}. */
  static String name(long n) {
    return String.format("%020d", n) + SUFFIX;
  }
}
