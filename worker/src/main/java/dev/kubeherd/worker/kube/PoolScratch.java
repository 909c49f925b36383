package dev.kubeherd.worker.kube;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool replica's hold on its scratch directory, taken before it takes any build. A replica whose
 * process crashed or was killed mid-build (OOM kill, container restart: the chart's {@code
 * emptyDir} outlives the container) left its builds' directories there, and nothing else would
 * remove them; so the first live process to hold the directory removes them ({@link
 * LeftoverBuildDirs}). Every live process holds a shared lock on {@value #LOCK_FILE} in it, and
 * only one that can lock it exclusively, so no other process uses the directory, removes anything:
 * two processes given the same directory (the CLI default under {@code java.io.tmpdir}) never
 * remove each other's builds. Pools of one JVM on the same directory (by its real path, however it
 * is named) share one lock; a pool releases its hold only once the builds it was running have ended
 * ({@link WorkerPool#closingAfterBuilds}). Failures are logged as warnings, the lock file closed:
 * the pool starts anyway.
 */
final class PoolScratch implements AutoCloseable {
  static final String LOCK_FILE = ".kubeherd-pool.lock";
  private static final Logger LOG = LoggerFactory.getLogger(PoolScratch.class);
  private static final Map<Path, Hold> HOLDS = new HashMap<>(); // guarded by itself

  private final Path root;
  private boolean closed;

  private PoolScratch(Path root) {
    this.root = root;
  }

  /** Holds {@code root}, first removing what an ended process left there if no other uses it. */
  static PoolScratch hold(Path root) {
    Path key = realPath(root);
    synchronized (HOLDS) {
      HOLDS.computeIfAbsent(key, Hold::take).holders++;
    }
    return new PoolScratch(key);
  }

  /**
   * The directory's real path, made if missing, so two paths to one directory (e.g. through a
   * symbolic link) share one hold; the normalised path where it cannot be made or resolved ({@link
   * Hold#take} then says why).
   */
  private static Path realPath(Path root) {
    Path normal = root.toAbsolutePath().normalize();
    try {
      Files.createDirectories(normal);
      return normal.toRealPath();
    } catch (IOException e) {
      return normal;
    }
  }

  @Override
  public void close() {
    synchronized (HOLDS) {
      if (closed) {
        return;
      }
      closed = true;
      Hold hold = HOLDS.get(root);
      if (--hold.holders == 0) {
        HOLDS.remove(root);
        hold.release();
      }
    }
  }

  @Override
  public String toString() {
    return "scratch directory " + root;
  }

  /** This JVM's lock on one scratch directory. */
  private static final class Hold {
    private final Optional<FileChannel> lockFile;
    int holders;

    private Hold(Optional<FileChannel> lockFile) {
      this.lockFile = lockFile;
    }

    static Hold take(Path root) {
      FileChannel channel;
      try {
        Files.createDirectories(root);
        channel =
            FileChannel.open(
                root.resolve(LOCK_FILE),
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
      } catch (IOException e) {
        LOG.warn(
            "Pool scratch directory {}: cannot open {} ({}); directories an earlier process left"
                + " there stay",
            root,
            LOCK_FILE,
            e.toString());
        return new Hold(Optional.empty());
      }
      boolean locked = false;
      try {
        removeLeftoversIfAlone(channel, root);
        channel.lock(0, Long.MAX_VALUE, true);
        locked = true;
        return new Hold(Optional.of(channel));
      } catch (IOException | OverlappingFileLockException e) {
        LOG.warn(
            "Pool scratch directory {}: cannot lock {} ({}); another process using it may remove"
                + " this pool's build directories",
            root,
            LOCK_FILE,
            e.toString());
        return new Hold(Optional.empty());
      } finally {
        if (!locked) {
          closeQuietly(channel);
        }
      }
    }

    private static void removeLeftoversIfAlone(FileChannel channel, Path root) throws IOException {
      try (FileLock alone = channel.tryLock()) {
        if (alone == null) {
          LOG.info(
              "Pool scratch directory {} is in use by another process; its build directories stay",
              root);
          return;
        }
        LeftoverBuildDirs.Removed removed = LeftoverBuildDirs.removeFrom(root);
        if (removed.directories() > 0) {
          LOG.info(
              "Removed {} build directories ({} bytes) an earlier pool process left in {}",
              removed.directories(),
              removed.bytes(),
              root);
        }
      }
    }

    void release() {
      lockFile.ifPresent(Hold::closeQuietly);
    }

    private static void closeQuietly(FileChannel channel) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.warn("Closing the pool's scratch lock file failed: {}", e.toString());
      }
    }
  }
}
