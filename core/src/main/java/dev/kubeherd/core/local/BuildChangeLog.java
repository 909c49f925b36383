package dev.kubeherd.core.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
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
 * (replacing the previous one); {@link BuildChangeTail} follows the renames.
 */
final class BuildChangeLog {
  private static final Logger LOG = LoggerFactory.getLogger(BuildChangeLog.class);
  static final String FILE = "build-changes.log";
  static final long ROTATE_BYTES = 1L << 20;

  private final Path file;
  private final Path rotated;
  private final long rotateBytes;
  private volatile boolean appendWarned;
  private volatile boolean rotateWarned;

  BuildChangeLog(LocalHome home) {
    this(home, ROTATE_BYTES);
  }

  BuildChangeLog(LocalHome home, long rotateBytes) {
    this.file = home.root().resolve(FILE);
    this.rotated = home.root().resolve(FILE + ".1");
    this.rotateBytes = rotateBytes;
  }

  /**
   * Appends one line per ID, in one write; never throws. The batch starts with a line break, so a
   * line torn by an earlier failed write cannot swallow its first ID.
   */
  void append(List<String> buildIds) {
    if (buildIds.isEmpty()) {
      return;
    }
    StringBuilder lines = new StringBuilder(1 + buildIds.size() * 27).append('\n');
    buildIds.forEach(id -> lines.append(id).append('\n'));
    ByteBuffer buf = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
    long size;
    try (FileChannel ch =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND,
            LinkOption.NOFOLLOW_LINKS)) {
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      size = ch.size();
    } catch (IOException e) {
      if (!appendWarned) {
        appendWarned = true;
        LOG.warn(
            "Could not append to {} ({}); build feeds will notice changes at their next full"
                + " scan instead of their next poll",
            file,
            e.toString());
      }
      return;
    }
    if (size > rotateBytes) {
      rotate();
    }
  }

  /**
   * Renames the log away unless another writer already did (then the file at the path is a new,
   * small one and stays). Two writers rotating at the same moment can rename a new log that no
   * reader has read yet; its lines then reach the feeds through their next full scan.
   */
  private void rotate() {
    try {
      if (Files.size(file) > rotateBytes) {
        Files.move(file, rotated, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (NoSuchFileException e) {
      // rotated by another writer meanwhile
    } catch (IOException e) {
      if (!rotateWarned) {
        rotateWarned = true;
        LOG.warn(
            "Could not rotate {} to {} ({}); it keeps growing until that works",
            file,
            rotated,
            e.toString());
      }
    }
  }

  /** A reader that sees what is appended from now on. */
  BuildChangeTail tail() {
    return new BuildChangeTail(file, rotated);
  }
}
