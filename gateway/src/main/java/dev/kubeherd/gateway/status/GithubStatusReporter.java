package dev.kubeherd.gateway.status;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.port.BuildFeed;
import dev.kubeherd.core.port.ProjectStore;
import dev.kubeherd.core.service.BuildCleanup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells GitHub how builds from the GitHub gateway go, without script code: listens to a {@link
 * BuildFeed} and, when a {@code push}, {@code pull_request} or {@code deployment} build starts
 * running or ends, posts a commit status, check run or deployment status (see {@code
 * docs/github-status.md}). Each outcome is reported at most once per build (remembered in memory);
 * the calls run on a small pool of its own, one build's calls in order, so the feed thread never
 * waits for GitHub. A build that started before this reporter did is not reported as running again
 * (an earlier gateway process did that); one that ended in the {@link #CATCH_UP} before it started
 * is reported unless GitHub already shows its end (the earlier process may have stopped first), and
 * older ends are left alone.
 */
public final class GithubStatusReporter implements BuildFeed.Listener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GithubStatusReporter.class);
  static final int THREADS = 2;
  static final int PRUNE_ABOVE = 1_000;
  static final Duration KEEP_FINISHED = Duration.ofHours(1);
  static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  /** How long before this reporter started a build may have ended and still be reported. */
  static final Duration CATCH_UP = Duration.ofHours(1);

  /**
   * At most this many builds that ended before this reporter started are checked against GitHub, on
   * one thread of their own, so a restart never delays live reports nor spends the API rate limit.
   */
  static final int MAX_CATCH_UPS = 100;

  private final StatusSender sender;
  private final ExecutorService executor;
  private final ExecutorService catchUps =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().daemon().name("kubeherd-github-catch-up").factory());
  private final AtomicInteger catchUpsLeft = new AtomicInteger(MAX_CATCH_UPS);
  private final Clock clock;
  private final Instant since;
  private final Map<String, Tracked> builds = new ConcurrentHashMap<>();

  GithubStatusReporter(StatusSender sender, ExecutorService executor, Clock clock) {
    this.sender = sender;
    this.executor = executor;
    this.clock = clock;
    this.since = clock.instant();
  }

  /**
   * A reporter with its own HTTP client and threads. An App whose key cannot be read is logged and
   * left out (statuses then use the projects' tokens).
   */
  public static GithubStatusReporter create(
      ProjectStore projects, StatusSettings settings, Clock clock) {
    GithubApi api = GithubApi.create(settings);
    Optional<InstallationTokens> app;
    try {
      app = InstallationTokens.of(settings.app(), api, clock);
    } catch (InvalidAppKeyException e) {
      LOG.warn("GitHub App statuses are off: {}", e.getMessage());
      app = Optional.empty();
    }
    app.ifPresent(
        a ->
            LOG.info(
                "GitHub statuses use App {} where a delivery names an installation",
                settings.app().appId()));
    StatusSender sender = new StatusSender(projects, api, app, new StatusRequests(settings), clock);
    ExecutorService executor =
        Executors.newFixedThreadPool(
            THREADS, Thread.ofPlatform().daemon().name("kubeherd-github-status-", 0).factory());
    return new GithubStatusReporter(sender, executor, clock);
  }

  @Override
  public void build(Build build) {
    if (!GithubTarget.reportable(build.request())
        || BuildCleanup.CLAIMANT.equals(build.status().worker())) {
      return; // not from GitHub, or withdrawn before it ran: its redelivery is what GitHub sees
    }
    Optional<BuildOutcome> outcome = BuildOutcome.of(build.status());
    if (outcome.isEmpty()) {
      return;
    }
    Tracked tracked = builds.computeIfAbsent(build.id(), id -> new Tracked());
    synchronized (tracked) {
      Optional<BuildOutcome> earlier = Optional.ofNullable(tracked.outcome);
      if (earlier.isPresent() && (earlier.get().finished() || earlier.get() == outcome.get())) {
        return; // reported already
      }
      tracked.outcome = outcome.get();
      tracked.finishedAt = build.status().finishedAt().orElse(null);
      if (!reportedBeforeUs(build, outcome.get())) {
        tracked.chain =
            tracked
                .chain
                .exceptionally(e -> null)
                .thenRunAsync(() -> sender.send(build, outcome.get(), earlier), executor);
      } else if (endedJustBeforeUs(build, outcome.get()) && mayCatchUp()) {
        tracked.chain =
            tracked
                .chain
                .exceptionally(e -> null)
                .thenRunAsync(() -> sender.catchUp(build, outcome.get()), catchUps);
      } else {
        return;
      }
    }
    if (outcome.get().finished() && builds.size() > PRUNE_ABOVE) {
      prune();
    }
  }

  /** Pending builds have nothing to report ({@link BuildOutcome#of}), so they need not be read. */
  @Override
  public boolean wantsPending() {
    return false;
  }

  @Override
  public void invalid(BuildFeed.InvalidBuild invalid) {
    // nothing to report: the controller fails it, and its failure arrives as a build
  }

  /**
   * Lets the reports already queued go out (for up to {@link #CLOSE_WAIT}), then stops the threads.
   * Close the feed's subscription first, so no more arrive.
   */
  @Override
  public void close() {
    CompletableFuture<?>[] queued =
        builds.values().stream().map(Tracked::chain).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(queued).get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warn("GitHub status reports still queued after {} were abandoned", CLOSE_WAIT);
    } catch (ExecutionException e) {
      // each report logs its own failure
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor.shutdownNow();
    catchUps.shutdownNow();
  }

  /**
   * Whether the outcome dates from before this reporter started (an earlier process reported it),
   * or, for an end, from longer ago than the reporter remembers ends.
   */
  private boolean reportedBeforeUs(Build build, BuildOutcome outcome) {
    if (outcome.finished()) {
      Optional<Instant> at = build.status().finishedAt();
      return at.isPresent()
          && (at.get().isBefore(since) || at.get().isBefore(clock.instant().minus(KEEP_FINISHED)));
    }
    Optional<Instant> at = build.status().startedAt();
    return at.isPresent() && at.get().isBefore(since);
  }

  private boolean mayCatchUp() {
    int left = catchUpsLeft.getAndDecrement();
    if (left == 0) {
      LOG.warn(
          "More than {} GitHub builds ended in the hour before this gateway started; the rest are"
              + " not checked against GitHub (see docs/github-status.md)",
          MAX_CATCH_UPS);
    }
    return left > 0;
  }

  /** Whether the build ended in the {@link #CATCH_UP} before this reporter started. */
  private boolean endedJustBeforeUs(Build build, BuildOutcome outcome) {
    Optional<Instant> at = build.status().finishedAt();
    return outcome.finished()
        && at.isPresent()
        && at.get().isBefore(since)
        && !at.get().isBefore(since.minus(CATCH_UP))
        && !at.get().isBefore(clock.instant().minus(KEEP_FINISHED));
  }

  /**
   * Forgets builds that ended more than {@link #KEEP_FINISHED} ago, so memory stays small; should
   * the feed bring one again, {@link #reportedBeforeUs} keeps it from being reported twice.
   */
  private void prune() {
    Instant before = clock.instant().minus(KEEP_FINISHED);
    builds
        .values()
        .removeIf(
            t -> {
              synchronized (t) {
                return t.outcome != null
                    && t.outcome.finished()
                    && t.finishedAt != null
                    && t.finishedAt.isBefore(before);
              }
            });
  }

  /** What was reported for one build, and its calls' queue. Guarded by itself. */
  private static final class Tracked {
    BuildOutcome outcome;
    Instant finishedAt;
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);

    synchronized CompletableFuture<Void> chain() {
      return chain;
    }
  }
}
