package dev.kubeherd.core.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the changes to one directory's entries as the kernel reports them (inotify on Linux): a
 * reader that remembers {@link #generation()} before it looked at a file knows the file is
 * unchanged while the generation is the same, without asking the file system again.
 *
 * <p>The count moves on every created, deleted or modified entry and on a lost event (overflow).
 * When the watch ends (the directory was deleted or {@link #close()}d), {@link #generation()}
 * answers {@link #UNWATCHED} from then on, which matches no remembered generation.
 *
 * <p>The kernel reports a change shortly after it is made, not at once: a reader may see the old
 * state for that long (well under a millisecond on an idle machine).
 */
final class DirectoryWatch implements AutoCloseable {
  static final long UNWATCHED = -1;
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryWatch.class);

  private final Path dir;
  private final WatchService service;
  private final AtomicLong generation = new AtomicLong();
  private volatile boolean watching = true;

  private DirectoryWatch(Path dir, WatchService service) {
    this.dir = dir;
    this.service = service;
  }

  /**
   * Starts watching {@code dir}, which must exist, on a daemon thread named {@code
   * kubeherd-watch-<dir name>}.
   *
   * @throws UncheckedIOException when the directory cannot be watched
   */
  static DirectoryWatch start(Path dir) {
    WatchService service;
    try {
      service = FileSystems.getDefault().newWatchService();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not watch " + dir + ": " + e.getMessage(), e);
    }
    DirectoryWatch watch = new DirectoryWatch(dir, service);
    try {
      dir.register(
          service,
          StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_DELETE,
          StandardWatchEventKinds.ENTRY_MODIFY);
    } catch (IOException | RuntimeException e) {
      watch.close();
      throw new UncheckedIOException(
          "Could not watch " + dir + ": " + e.getMessage(),
          e instanceof IOException io ? io : new IOException(e));
    }
    Thread.ofPlatform().daemon().name("kubeherd-watch-" + dir.getFileName()).start(watch::drain);
    return watch;
  }

  /** The changes counted so far, or {@link #UNWATCHED} once the watch has ended. */
  long generation() {
    return watching ? generation.get() : UNWATCHED;
  }

  private void drain() {
    try {
      while (watching) {
        WatchKey key = service.take();
        key.pollEvents();
        generation.incrementAndGet();
        if (!key.reset()) {
          LOG.info("Stopped watching {}: it is gone; its files are checked on every read", dir);
          watching = false;
        }
      }
    } catch (ClosedWatchServiceException | InterruptedException e) {
      watching = false;
    }
  }

  @Override
  public void close() {
    watching = false;
    try {
      service.close();
    } catch (IOException e) {
      LOG.debug("Closing the watch of {} failed", dir, e);
    }
  }
}
