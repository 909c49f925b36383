package dev.kubeherd.archive;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.port.BuildFeed;
import dev.kubeherd.core.port.LogStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads every log of a build to the {@link S3LogArchive} once the build has finished, as a {@link
 * BuildFeed} listener (uploads run on a thread of their own, never on the feed's).
 *
 * <p>A build is archived only once it has been finished for the settle delay ({@link
 * ArchiveSettings#settle()}): a cancelled build is marked finished at once, while its worker still
 * writes its last lines and closes its logs. Archiving is idempotent: a log is uploaded when the
 * archive has no copy of it or a copy of another size, so a retry completes a half-done upload and
 * a log that grew is uploaded again. A failed upload is retried every {@link #RETRY_EVERY} while
 * the process runs; on {@link #close()} the builds still waiting are archived at once.
 */
public final class BuildLogArchiver implements BuildFeed.Listener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BuildLogArchiver.class);

  /** How long after a failed upload it is tried again. */
  public static final Duration RETRY_EVERY = Duration.ofMinutes(1);

  private final LogStore logs;
  private final S3LogArchive archive;
  private final Duration settle;
  private final Duration retryEvery;
  private final Clock clock;
  private final Map<String, Build> waiting = new ConcurrentHashMap<>();
  private final Set<String> archived = ConcurrentHashMap.newKeySet();
  private final ScheduledThreadPoolExecutor uploads = uploadThread();

  /**
   * @param settle how long a build must have been finished before its logs are archived
   */
  public BuildLogArchiver(LogStore logs, S3LogArchive archive, Duration settle, Clock clock) {
    this(logs, archive, settle, RETRY_EVERY, clock);
  }

  BuildLogArchiver(
      LogStore logs, S3LogArchive archive, Duration settle, Duration retryEvery, Clock clock) {
    this.logs = logs;
    this.archive = archive;
    this.settle = settle;
    this.retryEvery = retryEvery;
    this.clock = clock;
  }

  @Override
  public void build(Build build) {
    if (build.status().phase().isTerminal()
        && !archived.contains(build.id())
        && waiting.putIfAbsent(build.id(), build) == null) {
      schedule(build, untilSettled(build));
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

  /**
   * Whether this archiver has archived the build's logs completely (or found them in the archive);
   * the vacuum deletes only such builds.
   */
  public boolean isArchived(String buildId) {
    return archived.contains(buildId);
  }

  /**
   * Uploads each of the build's stored logs that the archive lacks or holds at another size;
   * returns how many were uploaded.
   *
   * @throws LogArchiveException when an S3 call fails; logs uploaded before it stay uploaded
   */
  public int archive(Build build) {
    Map<String, Long> sizes = archive.sizes(build.projectId(), build.id());
    int n = 0;
    for (String source : logs.sources(build.id())) {
      String text = logs.read(build.id(), source);
      long size = text.getBytes(StandardCharsets.UTF_8).length;
      if (!Long.valueOf(size).equals(sizes.get(source))) {
        archive.put(build.projectId(), build.id(), source, text);
        n++;
      }
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

  /** One daemon thread; on shutdown an upload in progress finishes, timers waiting are dropped. */
  private static ScheduledThreadPoolExecutor uploadThread() {
    ScheduledThreadPoolExecutor uploads =
        new ScheduledThreadPoolExecutor(
            1, r -> Thread.ofPlatform().name("kubeherd-log-archive").daemon().unstarted(r));
    uploads.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    uploads.setRemoveOnCancelPolicy(true);
    return uploads;
  }

  private Duration untilSettled(Build build) {
    Instant ended = build.status().finishedAt().orElse(clock.instant());
    Duration left = Duration.between(clock.instant(), ended.plus(settle));
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** A rejected task (closing) stays in {@link #waiting}, which {@link #close()} archives. */
  private void schedule(Build build, Duration delay) {
    try {
      uploads.schedule(() -> attempt(build), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("Build {}: archived on close", build.id());
    }
  }

  /** Stays in {@link #waiting} until archived, so the feed seeing it again schedules nothing. */
  private void attempt(Build build) {
    if (!waiting.containsKey(build.id())) {
      return;
    }
    if (archiveQuietly(build, "retried in " + retryEvery)) {
      waiting.remove(build.id());
    } else {
      schedule(build, retryEvery);
    }
  }

  /** Archives the build, logging the outcome; false when it failed. */
  private boolean archiveQuietly(Build build, String then) {
    try {
      int n = archive(build);
      archived.add(build.id());
      if (n > 0) {
        LOG.info(
            "Archived {} logs of build {} to {}",
            n,
            build.id(),
            archive.url(build.projectId(), build.id(), "*"));
      }
      return true;
    } catch (RuntimeException e) {
      LOG.warn("Build {}: logs not archived ({}); {}", build.id(), e.getMessage(), then);
      return false;
    }
  }

  /**
   * Stops the timer, waits (up to 30 s) for an upload in progress, then archives the builds still
   * waiting at once (a log cut short then is completed by the next process to see the build).
   */
  @Override
  public void close() {
    uploads.shutdown();
    try {
      if (!uploads.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("Log archive upload still running after 30 s; abandoned");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    for (Build build : List.copyOf(waiting.values())) {
      if (waiting.remove(build.id()) != null) {
        archiveQuietly(build, "archived when a process next sees the build");
      }
    }
  }
}
