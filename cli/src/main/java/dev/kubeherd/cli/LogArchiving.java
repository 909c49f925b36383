package dev.kubeherd.cli;

import dev.kubeherd.archive.ArchiveSettings;
import dev.kubeherd.archive.ArchivedLogStore;
import dev.kubeherd.archive.BuildLogArchiver;
import dev.kubeherd.archive.S3LogArchive;
import dev.kubeherd.controller.Vacuum;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.port.BuildFeed;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.LogStore;
import dev.kubeherd.kube.store.ConfigMapLogStore;
import dev.kubeherd.worker.job.JobRunner;
import dev.kubeherd.worker.run.BuildWorker;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional S3 log archive ({@code docs/logs.md}), wired for a process: readers that fall back
 * to it, and for the long-running processes (local server, controller) the archiver that uploads
 * finished builds' logs plus the daily retention pass.
 */
final class LogArchiving implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LogArchiving.class);
  static final Duration RETENTION_EVERY = Duration.ofDays(1);

  /**
   * The default settle delay ({@link ArchiveSettings#settle()}): a cancelled build's worker notices
   * the cancel within its poll, waits up to the grace for its jobs, then closes its logs (a
   * Kubernetes log flushing within its interval); one more poll as slack.
   */
  static final Duration SETTLE =
      BuildWorker.DEFAULT_CANCEL_POLL
          .multipliedBy(2)
          .plus(JobRunner.CANCEL_GRACE)
          .plus(ConfigMapLogStore.DEFAULT_FLUSH_INTERVAL);

  private final BuildStore builds;
  private final S3LogArchive archive;
  private final BuildLogArchiver archiver;
  private final BuildFeed.Subscription subscription;
  private final ScheduledExecutorService retention;

  private LogArchiving(
      BuildStore builds,
      S3LogArchive archive,
      BuildLogArchiver archiver,
      BuildFeed.Subscription subscription,
      ScheduledExecutorService retention) {
    this.builds = builds;
    this.archive = archive;
    this.archiver = archiver;
    this.subscription = subscription;
    this.retention = retention;
  }

  /** {@code logs} reading from the archive when its own copy is gone; as is without an archive. */
  static LogStore readers(Map<String, String> env, LogStore logs, BuildStore builds) {
    return settings(env)
        .<LogStore>map(s -> new ArchivedLogStore(logs, S3LogArchive.open(s), builds::find))
        .orElse(logs);
  }

  /**
   * Starts archiving the builds {@code feed} reports finished, and the retention pass; empty when
   * no archive is configured.
   */
  static Optional<LogArchiving> start(
      Map<String, String> env,
      BuildStore builds,
      LogStore logs,
      BuildFeed feed,
      Clock clock,
      PrintWriter out) {
    Optional<ArchiveSettings> settings = settings(env);
    if (settings.isEmpty()) {
      return Optional.empty();
    }
    ArchiveSettings s = settings.get();
    S3LogArchive archive = S3LogArchive.open(s);
    BuildLogArchiver archiver = new BuildLogArchiver(logs, archive, builds::find, s, clock);
    ScheduledExecutorService retention =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("kubeherd-log-retention").daemon().unstarted(r));
    retention.scheduleWithFixedDelay(
        () -> applyRetention(archiver, s, clock), 0, RETENTION_EVERY.toMinutes(), TimeUnit.MINUTES);
    out.println(
        "Archiving finished builds' logs to s3://"
            + s.bucket()
            + "/"
            + s.prefix()
            + (s.retention().isZero() ? "" : " for " + s.retention().toDays() + " days"));
    out.flush();
    return Optional.of(
        new LogArchiving(builds, archive, archiver, feed.subscribe(archiver), retention));
  }

  /**
   * For the vacuum: keeps builds whose logs are not archived yet (until the archive's maximum
   * hold), says which are kept because S3 keeps failing, and forgets the builds it deleted.
   */
  Vacuum.Hold vacuumHold() {
    return new Vacuum.Hold() {
      @Override
      public boolean keeps(Build build) {
        return !archiver.isArchived(build.id());
      }

      @Override
      public boolean failing(Build build) {
        return archiver.isFailing(build.id());
      }

      @Override
      public void deleted(String buildId) {
        archiver.forget(buildId);
      }
    };
  }

  /**
   * Hands every finished build to the archiver, for builds that ended after the feed's last poll.
   */
  private void sweep() {
    try {
      builds.list(Optional.empty()).forEach(archiver::build);
    } catch (RuntimeException e) {
      LOG.warn("Could not list builds to archive their logs ({})", e.getMessage());
    }
  }

  private static void applyRetention(BuildLogArchiver archiver, ArchiveSettings s, Clock clock) {
    try {
      archiver.applyRetention(s, clock);
    } catch (RuntimeException e) {
      LOG.warn(
          "Log archive retention pass failed ({}); retried in {}", e.getMessage(), RETENTION_EVERY);
    }
  }

  private static Optional<ArchiveSettings> settings(Map<String, String> env) {
    try {
      return ArchiveSettings.fromEnv(env, SETTLE);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), e);
    }
  }

  /**
   * Stops the feed and the retention pass, hands on the builds that finished since the feed last
   * looked, then waits for the uploads.
   */
  @Override
  public void close() {
    subscription.close();
    sweep();
    retention.shutdownNow();
    archiver.close();
    archive.close();
  }
}
