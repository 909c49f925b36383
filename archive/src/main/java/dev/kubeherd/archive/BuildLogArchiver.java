package dev.kubeherd.archive;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.port.BuildFeed;
import dev.kubeherd.core.port.LogStore;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads every log of a build to the {@link S3LogArchive} once the build has finished, as a {@link
 * BuildFeed} listener (uploads run on a thread of their own, never on the feed's). A build already
 * in the archive (seen again after a restart) is not uploaded again. Failures are logged and
 * retried when the feed next delivers the build.
 */
public final class BuildLogArchiver implements BuildFeed.Listener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BuildLogArchiver.class);

  private final LogStore logs;
  private final S3LogArchive archive;
  private final Set<String> done = ConcurrentHashMap.newKeySet();
  private final ExecutorService uploads =
      Executors.newSingleThreadExecutor(
          r -> Thread.ofPlatform().name("kubeherd-log-archive").daemon().unstarted(r));

  public BuildLogArchiver(LogStore logs, S3LogArchive archive) {
    this.logs = logs;
    this.archive = archive;
  }

  @Override
  public void build(Build build) {
    if (build.status().phase().isTerminal() && done.add(build.id())) {
      uploads.execute(() -> archiveQuietly(build));
    }
  }

  /** Only ended builds have logs to archive, so pending ones need not be read. */
  @Override
  public boolean wantsPending() {
    return false;
  }

  @Override
  public void invalid(BuildFeed.InvalidBuild invalid) {
    // nothing to archive: its logs, if any, stay where they are
  }

  /** Uploads the build's logs now unless the archive has them; returns how many were uploaded. */
  public int archive(Build build) {
    if (!archive.sources(build.projectId(), build.id()).isEmpty()) {
      return 0;
    }
    int n = 0;
    for (String source : logs.sources(build.id())) {
      archive.put(build.projectId(), build.id(), source, logs.read(build.id(), source));
      n++;
    }
    return n;
  }

  /**
   * Deletes archived logs older than the retention ({@link ArchiveSettings#retention()}; zero keeps
   * everything); returns how many.
   */
  public int applyRetention(ArchiveSettings settings, Clock clock) {
    if (settings.retention().isZero()) {
      return 0;
    }
    int deleted = archive.deleteOlderThan(clock.instant().minus(settings.retention()));
    if (deleted > 0) {
      LOG.info("Deleted {} archived logs older than {}", deleted, settings.retention());
    }
    return deleted;
  }

  private void archiveQuietly(Build build) {
    try {
      int n = archive(build);
      if (n > 0) {
        LOG.info(
            "Archived {} logs of build {} to {}",
            n,
            build.id(),
            archive.url(build.projectId(), build.id(), "*"));
      }
    } catch (RuntimeException e) {
      done.remove(build.id());
      LOG.warn(
          "Build {}: logs not archived ({}); retried when the build is seen again",
          build.id(),
          e.getMessage());
    }
  }

  /** Waits (up to 30 s) for the uploads already queued. */
  @Override
  public void close() {
    uploads.shutdown();
    try {
      if (!uploads.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("Log archive uploads still running after 30 s; abandoned");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
