package dev.kubeherd.core.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
  private static final int HEADER = 8;

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

  static ByteBuffer frame(byte[] record) {
    ByteBuffer buf = ByteBuffer.allocate(HEADER + record.length);
    buf.putInt(record.length).putInt(crc(record)).put(record).flip();
    return buf;
  }

  private static int crc(byte[] record) {
    CRC32C crc = new CRC32C();
    crc.update(record);
    return (int) crc.getValue();
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
