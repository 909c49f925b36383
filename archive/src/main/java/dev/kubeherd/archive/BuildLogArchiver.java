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
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads every log of a build to the {@link S3LogArchive} once the build has finished, as a {@link
 * BuildFeed} listener (uploads run on threads of their own, never on the feed's).
 *
 * <p>A build is archived only once it has been finished for the settle delay ({@link
 * ArchiveSettings#settle()}): a cancelled build is marked finished at once, while its worker still
 * writes its last lines and closes its logs. The settle delay is what covers late writes: a build
 * whose every log already has an object in the archive and that ended more than the settle delay
 * ago is skipped without reading its logs. Otherwise a log is uploaded when the archive has no copy
 * of it or a copy of another size, so a retry completes a half-done upload. A failed upload is
 * retried every {@link #RETRY_EVERY} while the process runs, on a thread apart from first attempts
 * (a backlog of failing builds never delays a newly finished one), re-reading the build by ID (a
 * build gone from the store is dropped). A build the archive would not take within the maximum hold
 * ({@link ArchiveSettings#maxHold()}) of its end counts as archived for the vacuum, with one ERROR
 * line. On {@link #close()} the builds still waiting that have settled are archived at once; those
 * still within their settle delay are left to the next process, which archives them as usual (an
 * upload before then could take a log its worker is still writing, which that process would then
 * skip as complete).
 */
public final class BuildLogArchiver implements BuildFeed.Listener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BuildLogArchiver.class);

  /** How long after a failed upload it is tried again. */
  public static final Duration RETRY_EVERY = Duration.ofMinutes(1);

  private final LogStore logs;
  private final S3LogArchive archive;
  private final Function<String, Optional<Build>> find;
  private final Duration settle;
  private final Duration maxHold;
  private final Duration retryEvery;
  private final Clock clock;
  private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
  private final Set<String> archived = ConcurrentHashMap.newKeySet();
  private final ScheduledThreadPoolExecutor firsts = uploadThread("kubeherd-log-archive");
  private final ScheduledThreadPoolExecutor retries = uploadThread("kubeherd-log-archive-retry");

  /** A build not archived yet: when it ended and, once an attempt failed, the last error. */
  private record Waiting(Instant ended, Optional<String> lastError, boolean released) {
    Waiting failed(String error) {
      return new Waiting(ended, Optional.of(error), released);
    }

    Waiting release() {
      return new Waiting(ended, lastError, true);
    }
  }

  /**
   * @param find reads a build by ID (a retry re-reads it; empty when it is gone)
   */
  public BuildLogArchiver(
      LogStore logs,
      S3LogArchive archive,
      Function<String, Optional<Build>> find,
      ArchiveSettings settings,
      Clock clock) {
    this(logs, archive, find, settings.settle(), settings.maxHold(), RETRY_EVERY, clock);
  }

  BuildLogArchiver(
      LogStore logs,
      S3LogArchive archive,
      Function<String, Optional<Build>> find,
      Duration settle,
      Duration maxHold,
      Duration retryEvery,
      Clock clock) {
    this.logs = logs;
    this.archive = archive;
    this.find = find;
    this.settle = settle;
    this.maxHold = maxHold;
    this.retryEvery = retryEvery;
    this.clock = clock;
  }

  @Override
  public void build(Build build) {
    if (!build.status().phase().isTerminal() || archived.contains(build.id())) {
      return;
    }
    Instant ended = build.status().finishedAt().orElse(clock.instant());
    if (waiting.putIfAbsent(build.id(), new Waiting(ended, Optional.empty(), false)) == null) {
      schedule(firsts, () -> first(build), untilSettled(ended));
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
   * Whether the vacuum may delete the build: this archiver has archived its logs completely (or
   * found them in the archive), or the archive would not take them within the maximum hold of the
   * build's end (logged once at ERROR, naming the last S3 error).
   */
  public boolean isArchived(String buildId) {
    if (archived.contains(buildId)) {
      return true;
    }
    Waiting w = waiting.get(buildId);
    if (w == null || w.lastError().isEmpty() || clock.instant().isBefore(w.ended().plus(maxHold))) {
      return false;
    }
    if (!w.released() && waiting.replace(buildId, w, w.release())) {
      LOG.error(
          "Build {}: logs not archived within {} of its end (last S3 error: {}); released to the"
              + " vacuum, so its logs are lost once it is deleted. Check the bucket name, AWS_REGION,"
              + " the credentials and their s3:ListBucket and s3:PutObject permissions (docs/logs.md)",
          buildId,
          maxHold,
          w.lastError().get());
    }
    return true;
  }

  /** Whether the build is held back because archiving it failed (not yet released). */
  public boolean isFailing(String buildId) {
    Waiting w = waiting.get(buildId);
    return w != null && w.lastError().isPresent() && !w.released();
  }

  /** Forgets a build that was deleted (by the vacuum): it needs no archiving and no memory. */
  public void forget(String buildId) {
    archived.remove(buildId);
    waiting.remove(buildId);
  }

  /** How many builds wait for an upload (for tests and metrics). */
  int waitingCount() {
    return waiting.size();
  }

  /** How many builds are remembered as archived (for tests and metrics). */
  int archivedCount() {
    return archived.size();
  }

  /**
   * Uploads each of the build's stored logs that the archive lacks or holds at another size;
   * returns how many were uploaded. A build that ended more than the settle delay ago and whose
   * every log has an object in the archive, at the size the store gives without reading the log
   * ({@link LogStore#storedBytes}: local files; ConfigMaps are not read to tell), is not read.
   *
   * @throws LogArchiveException when an S3 call fails; logs uploaded before it stay uploaded
   */
  public int archive(Build build) {
    Map<String, Long> sizes = archive.sizes(build.projectId(), build.id());
    List<String> sources = logs.sources(build.id());
    if (sizes.keySet().containsAll(sources) && settled(build) && sameSizes(build, sizes, sources)) {
      return 0;
    }
    int n = 0;
    for (String source : sources) {
      String text = logs.read(build.id(), source);
      long size = text.getBytes(StandardCharsets.UTF_8).length;
      if (!Long.valueOf(size).equals(sizes.get(source))) {
        archive.put(build.projectId(), build.id(), source, text);
        n++;
      }
    }
    return n;
  }

  /** Whether no stored log whose size the store knows differs from its archived copy. */
  private boolean sameSizes(Build build, Map<String, Long> archived, List<String> sources) {
    for (String source : sources) {
      OptionalLong stored = logs.storedBytes(build.id(), source);
      if (stored.isPresent() && !Long.valueOf(stored.getAsLong()).equals(archived.get(source))) {
        return false;
      }
    }
    return true;
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
  private static ScheduledThreadPoolExecutor uploadThread(String name) {
    ScheduledThreadPoolExecutor uploads =
        new ScheduledThreadPoolExecutor(
            1, r -> Thread.ofPlatform().name(name).daemon().unstarted(r));
    uploads.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    uploads.setRemoveOnCancelPolicy(true);
    return uploads;
  }

  private boolean settled(Build build) {
    return build
        .status()
        .finishedAt()
        .map(ended -> !ended.plus(settle).isAfter(clock.instant()))
        .orElse(false);
  }

  private Duration untilSettled(Instant ended) {
    Duration left = Duration.between(clock.instant(), ended.plus(settle));
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** A rejected task (closing) stays in {@link #waiting}, which {@link #close()} archives. */
  private void schedule(ScheduledThreadPoolExecutor on, Runnable task, Duration delay) {
    try {
      on.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("Log archive closing: the build is archived on close");
    }
  }

  /** The first attempt, with the build the feed showed (held only until the settle delay). */
  private void first(Build build) {
    if (waiting.containsKey(build.id())) {
      attempt(build);
    }
  }

  /** A retry re-reads the build: one gone from the store is dropped. */
  private void retry(String buildId) {
    if (!waiting.containsKey(buildId)) {
      return;
    }
    Optional<Build> build;
    try {
      build = find.apply(buildId);
    } catch (RuntimeException e) {
      failed(buildId, "build not readable: " + e.getMessage());
      return;
    }
    if (build.isEmpty()) {
      waiting.remove(buildId);
      return;
    }
    attempt(build.get());
  }

  /** Stays in {@link #waiting} until archived, so the feed seeing it again schedules nothing. */
  private void attempt(Build build) {
    Optional<String> error = archiveQuietly(build, "retried in " + retryEvery);
    if (error.isEmpty()) {
      waiting.remove(build.id());
    } else {
      failed(build.id(), error.get());
    }
  }

  private void failed(String buildId, String error) {
    if (waiting.computeIfPresent(buildId, (id, w) -> w.failed(error)) != null) {
      schedule(retries, () -> retry(buildId), retryEvery);
    }
  }

  /** Archives the build, logging the outcome; the error when it failed. */
  private Optional<String> archiveQuietly(Build build, String then) {
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
      return Optional.empty();
    } catch (RuntimeException e) {
      LOG.warn("Build {}: logs not archived ({}); {}", build.id(), e.getMessage(), then);
      return Optional.of(String.valueOf(e.getMessage()));
    }
  }

  /**
   * Stops the timers, waits (up to 15 s) for uploads in progress, waits until the builds still
   * waiting have settled (at most the settle delay: their workers may still be writing), then
   * archives them. A process stopped during that wait (the JVM halting after its shutdown hooks)
   * uploads nothing of them, and the next process to see them archives them whole.
   */
  @Override
  public void close() {
    firsts.shutdown();
    retries.shutdown();
    try {
      if (!firsts.awaitTermination(15, TimeUnit.SECONDS)
          || !retries.awaitTermination(1, TimeUnit.SECONDS)) {
        LOG.warn("Log archive upload still running on close; abandoned");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (!awaitSettled()) {
      return;
    }
    for (String id : List.copyOf(waiting.keySet())) {
      if (waiting.remove(id) != null) {
        readQuietly(id).ifPresent(b -> archiveQuietly(b, "archived when a process next sees it"));
      }
    }
  }

  /** Sleeps until every waiting build has settled; false when interrupted (nothing uploaded). */
  private boolean awaitSettled() {
    Optional<Instant> last =
        waiting.values().stream().map(w -> w.ended().plus(settle)).max(Instant::compareTo);
    Duration left = last.map(at -> Duration.between(clock.instant(), at)).orElse(Duration.ZERO);
    if (left.isNegative() || left.isZero()) {
      return true;
    }
    LOG.info(
        "Log archive: waiting {} ms for finished builds to settle before closing", left.toMillis());
    try {
      Thread.sleep(left.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Optional<Build> readQuietly(String buildId) {
    try {
      return find.apply(buildId);
    } catch (RuntimeException e) {
      LOG.warn("Build {}: not readable on close ({}); archived later", buildId, e.getMessage());
      return Optional.empty();
    }
  }
}
