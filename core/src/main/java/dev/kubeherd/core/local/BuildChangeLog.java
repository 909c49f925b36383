package dev.kubeherd.core.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IDs of builds whose files just changed, one per line, appended by every process that writes
 * builds in a {@link LocalHome} ({@code build-changes.log} at its root). A {@link
 * DirectoryBuildFeed} reads what was appended since its last poll instead of looking at every
 * build, so a poll costs the changes, not the number of builds.
 *
 * <p>It is a hint, not a record: appends are best effort (a failure is logged once), and the feed
 * still scans all builds now and then, so a change without a line (an older kubeherd, a full disk)
 * only shows later. Past {@link #ROTATE_BYTES} the file is renamed to {@code build-changes.log.1}
 * (replacing the previous one); a reader drains the renamed file for a while after it notices, so
 * lines from a writer that had opened it just before the rename still arrive.
 */
final class BuildChangeLog {
  private static final Logger LOG = LoggerFactory.getLogger(BuildChangeLog.class);
  static final String FILE = "build-changes.log";
  static final long ROTATE_BYTES = 1L << 20;

  /** How many polls a reader keeps draining a file after it was rotated away. */
  static final int DRAIN_POLLS = 20;

  private final Path file;
  private final Path rotated;
  private final long rotateBytes;
  private volatile boolean warned;

  BuildChangeLog(LocalHome home) {
    this(home, ROTATE_BYTES);
  }

  BuildChangeLog(LocalHome home, long rotateBytes) {
    this.file = home.root().resolve(FILE);
    this.rotated = home.root().resolve(FILE + ".1");
    this.rotateBytes = rotateBytes;
  }

  /** Appends one line per ID, in one write; never throws. */
  void append(List<String> buildIds) {
    if (buildIds.isEmpty()) {
      return;
    }
    StringBuilder lines = new StringBuilder(buildIds.size() * 27);
    buildIds.forEach(id -> lines.append(id).append('\n'));
    ByteBuffer buf = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
    try (FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      if (ch.size() > rotateBytes) {
        rotate();
      }
    } catch (IOException e) {
      if (!warned) {
        warned = true;
        LOG.warn(
            "Could not append to {} ({}); build feeds will notice changes at their next full"
                + " scan instead of their next poll",
            file,
            e.toString());
      }
    }
  }

  /**
   * Renames the log away unless another writer already did (then the file at the path is a new,
   * small one and stays).
   */
  private void rotate() throws IOException {
    try {
      if (Files.size(file) > rotateBytes) {
        Files.move(file, rotated, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (NoSuchFileException e) {
      // rotated by another writer meanwhile
    }
  }

  /** A reader that sees what is appended from now on. */
  Tail tail() {
    return new Tail();
  }

  /** Follows the log across rotations. Not thread-safe: one per feed thread. */
  final class Tail implements AutoCloseable {
    private Segment active;
    private Segment draining;
    private int drainPolls;

    private Tail() {
      Object key = keyOf(file);
      if (key != null) {
        active = Segment.open(file, key, true);
      }
    }

    /** Hands every complete line appended since the last call to {@code changed}. */
    void read(Consumer<String> changed) {
      if (draining != null) {
        draining.read(changed);
        if (--drainPolls <= 0) {
          draining.close();
          draining = null;
        }
      }
      if (active != null) {
        active.read(changed);
      }
      Object key = keyOf(file);
      if (key != null && (active == null || !key.equals(active.key))) {
        if (active != null) {
          if (draining != null) {
            draining.close();
          }
          draining = active;
          drainPolls = DRAIN_POLLS;
        }
        active = Segment.open(file, key, false);
        if (active != null) {
          active.read(changed);
        }
      }
    }

    @Override
    public void close() {
      if (active != null) {
        active.close();
      }
      if (draining != null) {
        draining.close();
      }
    }
  }

  /** The file key (inode) of the log, or null when there is none. */
  private static Object keyOf(Path path) {
    try {
      BasicFileAttributes attributes =
          path.getFileSystem().provider().readAttributesIfExists(path, BasicFileAttributes.class);
      return attributes == null ? null : Objects.requireNonNullElse(attributes.fileKey(), path);
    } catch (IOException e) {
      return null;
    }
  }

  /** One open log file, with the part of a line not yet completed by its writer. */
  private static final class Segment {
    private static final int MAX_LINE = 256; // a build ID is 26; longer lines are junk, cut short
    private final FileChannel channel;
    private final Object key;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private final StringBuilder partial = new StringBuilder();
    private long position;

    private Segment(FileChannel channel, Object key, long position) {
      this.channel = channel;
      this.key = key;
      this.position = position;
    }

    /** Null when the file is gone or cannot be opened (the next poll tries again). */
    static Segment open(Path path, Object key, boolean atEnd) {
      try {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        return new Segment(channel, key, atEnd ? channel.size() : 0);
      } catch (IOException e) {
        return null;
      }
    }

    void read(Consumer<String> changed) {
      try {
        while (true) {
          buffer.clear();
          int n = channel.read(buffer, position);
          if (n <= 0) {
            return;
          }
          position += n;
          for (int i = 0; i < n; i++) {
            char c = (char) (buffer.get(i) & 0xff);
            if (c == '\n') {
              if (!partial.isEmpty()) {
                changed.accept(partial.toString());
                partial.setLength(0);
              }
            } else if (partial.length() < MAX_LINE) {
              partial.append(c);
            }
          }
        }
      } catch (IOException e) {
        // unreadable now: the feed's full scans still see every change
      }
    }

    void close() {
      try {
        channel.close();
      } catch (IOException e) {
        // read-only: nothing to lose
      }
    }
  }
}
