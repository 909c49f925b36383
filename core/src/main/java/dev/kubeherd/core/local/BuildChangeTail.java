package dev.kubeherd.core.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads what is appended to a {@link BuildChangeLog} from the moment it is made, across rotations:
 * when the log has been renamed away, the file it had open is read to its end and then for {@link
 * #DRAIN_POLLS} more reads (a writer that opened it just before the rename may still add a line),
 * and a rotated file it never had open (the log was rotated twice between two reads) is read from
 * its start. A file truncated in place to less than was read is read again from its start. Lines
 * are lost when the log is rotated three times between two reads, when two writers rotate at the
 * same moment, or when a file is truncated and refilled past the read position between two reads;
 * the feed's full scans cover those. Not thread-safe: one per feed thread.
 */
final class BuildChangeTail implements AutoCloseable {
  /** How many reads a rotated file is still read for. */
  static final int DRAIN_POLLS = 20;

  private final Path file;
  private final Path rotated;
  private final Deque<Segment> draining = new ArrayDeque<>();
  private Segment active;

  /** The rotated file that was there when this tail started, not to be read; null after. */
  private Object seenRotatedKey;

  BuildChangeTail(Path file, Path rotated) {
    this.file = file;
    this.rotated = rotated;
    this.seenRotatedKey = keyOf(rotated);
    this.active = openCurrent(true);
  }

  /** Hands every complete line appended since the last call to {@code changed}. */
  void read(Consumer<String> changed) {
    for (Segment segment : draining) {
      segment.read(changed);
      segment.drainPolls--;
    }
    while (!draining.isEmpty() && draining.peekFirst().drainPolls <= 0) {
      draining.removeFirst().close();
    }
    if (active != null) {
      active.read(changed);
    }
    Object key = keyOf(file);
    if (key == null || (active != null && key.equals(active.key))) {
      return;
    }
    // the log was rotated (or created) since the last read
    if (active != null) {
      startDraining(active);
    }
    Object rotatedKey = keyOf(rotated);
    if (rotatedKey != null && !rotatedKey.equals(seenRotatedKey) && !isDraining(rotatedKey)) {
      Segment missed = Segment.open(rotated, rotatedKey, false);
      if (missed != null) {
        missed.read(changed);
        startDraining(missed);
      }
    }
    // from now on a rotated file not being drained is one this tail never had open (comparing with
    // the key seen at the start could skip a new file that reused a closed file's inode number)
    seenRotatedKey = null;
    active = openCurrent(false);
    if (active != null) {
      active.read(changed);
    }
  }

  @Override
  public void close() {
    if (active != null) {
      active.close();
      active = null;
    }
    draining.forEach(Segment::close);
    draining.clear();
  }

  private void startDraining(Segment segment) {
    segment.drainPolls = DRAIN_POLLS;
    draining.addLast(segment);
    while (draining.size() > 2) {
      draining.removeFirst().close();
    }
  }

  private boolean isDraining(Object key) {
    return draining.stream().anyMatch(s -> s.key.equals(key));
  }

  /**
   * Opens the log at its path, checking that it was not rotated between looking at it and opening
   * it; null when there is none.
   */
  private Segment openCurrent(boolean atEnd) {
    for (int attempt = 0; attempt < 3; attempt++) {
      Object key = keyOf(file);
      if (key == null) {
        return null;
      }
      Segment segment = Segment.open(file, key, atEnd);
      if (segment == null || key.equals(keyOf(file))) {
        return segment;
      }
      startDraining(segment); // rotated while being opened: still read what it gets
    }
    return null;
  }

  /** What tells two files apart (their inode); the path where there is no such key. */
  private static Object keyOf(Path path) {
    try {
      BasicFileAttributes attributes =
          path.getFileSystem()
              .provider()
              .readAttributesIfExists(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attributes == null ? null : Objects.requireNonNullElse(attributes.fileKey(), path);
    } catch (IOException e) {
      return null;
    }
  }

  /** One open log file, with the part of a line its writer has not finished yet. */
  private static final class Segment {
    /** A build ID has 26 characters; a longer line is not one and is dropped. */
    private static final int MAX_LINE = 256;

    private final FileChannel channel;
    private final Object key;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private final StringBuilder partial = new StringBuilder();
    private boolean overlong;
    private long position;
    private int drainPolls;

    private Segment(FileChannel channel, Object key, long position) {
      this.channel = channel;
      this.key = key;
      this.position = position;
    }

    /** Null when the file is gone or cannot be read (the next read tries again). */
    static Segment open(Path path, Object key, boolean atEnd) {
      FileChannel channel = null;
      try {
        channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        return new Segment(channel, key, atEnd ? channel.size() : 0);
      } catch (IOException e) {
        if (channel != null) {
          close(channel);
        }
        return null;
      }
    }

    void read(Consumer<String> changed) {
      try {
        if (channel.size() < position) { // truncated in place: what is there now is new
          position = 0;
          partial.setLength(0);
          overlong = false;
        }
        int n;
        while ((n = channel.read(buffer.clear(), position)) > 0) {
          position += n;
          for (int i = 0; i < n; i++) {
            take((char) (buffer.get(i) & 0xff), changed);
          }
        }
      } catch (IOException e) {
        // unreadable now: the feed's full scans still see every change
      }
    }

    private void take(char c, Consumer<String> changed) {
      if (c != '\n') {
        overlong |= partial.length() == MAX_LINE;
        if (!overlong) {
          partial.append(c);
        }
        return;
      }
      if (!partial.isEmpty() && !overlong) {
        changed.accept(partial.toString());
      }
      partial.setLength(0);
      overlong = false;
    }

    void close() {
      close(channel);
    }

    private static void close(FileChannel channel) {
      try {
        channel.close();
      } catch (IOException e) {
        // opened for reading only: nothing to lose
      }
    }
  }
}
