package dev.kubeherd.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Deletes a P4 run's store and remembers when, so that the next run does not measure in its shadow.
 * On ext4 without a journal (this project's build machines) the kernel does not reuse an inode
 * freed in the last 60 s, or 300 s while its inode table block is not yet written back; after a
 * run's tens of thousands of builds are deleted, every file the next run creates costs a search
 * past them. Measured: 4 minutes after 150,000 files were deleted, the gateway's journal thread
 * needed 1,455 µs per delivery instead of 330 (docs/benchmarks.md, P4, seventh session).
 */
final class StoreCleanup {
  /** Long enough for inodes freed by the last deletion to be reused again. */
  static final Duration SETTLE = Duration.ofSeconds(300);

  private static final String STAMP = "kubeherd-p4-deleted";

  private final Path stamp;
  private final Clock clock;

  StoreCleanup(Path tmp, Clock clock) {
    this.stamp = tmp.resolve(STAMP);
    this.clock = clock;
  }

  /** Deletes {@code root} and everything below it, then records the time. */
  void delete(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
    if (!Files.exists(stamp)) {
      Files.createFile(stamp);
    }
    Files.setLastModifiedTime(stamp, FileTime.from(clock.instant()));
  }

  /** How long to wait before measuring: what is left of {@link #SETTLE} since the last deletion. */
  Duration remaining() throws IOException {
    Instant deleted;
    try {
      deleted = Files.getLastModifiedTime(stamp).toInstant();
    } catch (NoSuchFileException e) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(clock.instant(), deleted.plus(SETTLE));
    return left.isNegative() || left.compareTo(SETTLE) > 0 ? Duration.ZERO : left;
  }

  /** Waits out {@link #remaining()}, saying why and counting down every 30 s. */
  void awaitSettled(PrintStream progress) throws IOException, InterruptedException {
    Duration left = remaining();
    if (left.isZero()) {
      return;
    }
    progress.printf(
        "waiting %d s before measuring: an earlier P4 run deleted its store %d s ago, and ext4"
            + " without a journal does not reuse freed inodes for up to %d s (set"
            + " -Dkubeherd.bench.settle=false to skip)%n",
        left.toSeconds(), SETTLE.minus(left).toSeconds(), SETTLE.toSeconds());
    while (!left.isZero()) {
      Thread.sleep(Math.min(left.toMillis(), 30_000));
      left = remaining();
      if (!left.isZero()) {
        progress.printf("  %d s left%n", left.toSeconds());
      }
    }
  }
}
