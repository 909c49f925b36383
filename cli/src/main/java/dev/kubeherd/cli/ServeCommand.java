package dev.kubeherd.cli;

import dev.kubeherd.cli.toolkit.PositiveDurationConverter;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.service.OrphanedBuilds;
import dev.kubeherd.core.service.PendingBuildDispatcher;
import dev.kubeherd.core.service.ResyncScheduler;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kubeherd serve --local}: the local server. Runs pending builds (e.g. from {@code brig run
 * -b}) from {@code KUBEHERD_HOME}, claiming each exactly once, so a build another process already
 * ran or is running is never run again. Projects with {@code kubeherd.resyncInterval} get a {@code
 * resync} build at their last deployed revision when it is due ({@link ResyncScheduler}). At start,
 * and then every {@code --orphan-check} while serving, Running builds whose local claimant process
 * died are failed ({@link OrphanedBuilds}).
 */
@Command(
    name = "serve",
    aliases = "server",
    mixinStandardHelpOptions = true,
    description =
        "Run pending builds from the local store (local mode); with --port also receive webhooks"
            + " (GitHub, generic, container registry) and serve the dashboard, as kubeherd gateway"
            + " does.")
public final class ServeCommand extends StoreCommand implements LongRunning {
  /** How long a stopping server waits for its builds' workers to stop their jobs. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  /**
   * How often a running server looks for builds of dead claimants by default. Each look reads every
   * stored build, so it runs far less often than the poll for pending builds; a build of a dead
   * {@code brig run --local} thus ends within this long.
   */
  static final String ORPHAN_CHECK_DEFAULT = "30s";

  @Mixin GlobalOptions globals;

  @Option(
      names = "--once",
      description = "Run what is pending now, wait for those builds to finish, then exit.")
  boolean once;

  @Option(
      names = "--max-builds",
      paramLabel = "N",
      defaultValue = "4",
      description = "Builds run at the same time, at least 1 (default: ${DEFAULT-VALUE}).")
  int maxBuilds;

  @Option(
      names = "--poll",
      paramLabel = "DURATION",
      defaultValue = "1s",
      converter = PositiveDurationConverter.class,
      description =
          "How often to look for pending builds: 500ms, 1s, 1m… (default: ${DEFAULT-VALUE}).")
  Duration poll;

  @Option(
      names = "--resync-check",
      paramLabel = "DURATION",
      defaultValue = "1m",
      converter = PositiveDurationConverter.class,
      description =
          "How often to look for projects whose kubeherd.resyncInterval has passed: 30s, 1m…"
              + " (default: ${DEFAULT-VALUE}; not with --once).")
  Duration resyncCheck;

  @Option(
      names = "--orphan-check",
      paramLabel = "DURATION",
      defaultValue = ORPHAN_CHECK_DEFAULT,
      converter = PositiveDurationConverter.class,
      description =
          "How often to fail Running builds whose local claimant process died (e.g. a brig run"
              + " --local killed by kill -9): 10s, 1m… (default: ${DEFAULT-VALUE}; also at start).")
  Duration orphanCheck;

  @Mixin JobRuntimeOption jobs;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      converter = PortConverter.class,
      description =
          "Also receive webhooks and serve the dashboard on this port (0 picks a free one), so"
              + " one process is gateway, controller and worker.")
  Integer gatewayPort;

  @Option(
      names = "--address",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description = "Address the webhook gateway listens on (default: ${DEFAULT-VALUE}).")
  String gatewayAddress;

  @Mixin GithubAppOption githubApp;

  public ServeCommand(BrigApp app) {
    super(app);
  }

  @Override
  protected GlobalOptions global() {
    return globals;
  }

  @Override
  protected void execute() throws Exception {
    if (!app.runsWorkers()) {
      // before the gateway starts: it would listen on the cluster's store, which nothing here runs
      throw new CliException(
          "kubeherd serve runs the builds of the local store: pass --local (or set "
              + GlobalOptions.MODE_ENV
              + "=local). In a cluster, 'kubeherd controller' runs the builds and 'kubeherd"
              + " gateway' receives the webhooks");
    }
    if (maxBuilds < 1) {
      throw new CliException(
          "--max-builds must be at least 1 (the builds run at the same time), was " + maxBuilds);
    }
    Vertx vertx = gatewayPort == null ? null : Vertx.vertx();
    AutoCloseable statuses = () -> {};
    AutoCloseable intake = () -> {};
    try {
      if (vertx != null) {
        intake = GatewayCommand.listen(vertx, app, githubApp, gatewayAddress, gatewayPort, out());
        statuses = GatewayCommand.reportStatuses(app, githubApp, out());
      }
      try (AutoCloseable archiving = archiving()) {
        serve();
      }
    } finally {
      statuses.close();
      if (vertx != null) {
        vertx.close().await(10, TimeUnit.SECONDS);
      }
      intake.close();
    }
  }

  /** The S3 log archive of finished builds, when {@code KUBEHERD_LOG_ARCHIVE_BUCKET} is set. */
  private AutoCloseable archiving() {
    if (app.buildFeed().isEmpty()) {
      return () -> {};
    }
    return LogArchiving.start(
            app.env(), app.builds(), app.logs(), app.buildFeed().get(), app.clock(), out())
        .<AutoCloseable>map(a -> a)
        .orElse(() -> {});
  }

  private void serve() throws InterruptedException {
    String name = OrphanedBuilds.localClaimant("kubeherd-serve");
    var dispatcher =
        new PendingBuildDispatcher(app.builds(), app.launcher(jobs.runtime()), name, maxBuilds);
    out()
        .println(
            "Serving builds from the local store as "
                + name
                + " ("
                + jobs.runtime().name().toLowerCase(Locale.ROOT)
                + " jobs)");
    out().flush();
    OrphanedBuilds orphans = new OrphanedBuilds(app.builds(), app.clock(), app.orphanedJobs());
    failOrphanedBuilds(orphans);
    long nextOrphanCheck = System.nanoTime() + orphanCheck.toNanos();
    Thread stopping =
        Thread.ofPlatform().unstarted(() -> stopRunningBuilds(dispatcher, name)); // Ctrl-C, SIGTERM
    Runtime.getRuntime().addShutdownHook(stopping);
    try (ResyncScheduler resync = new ResyncScheduler(app.projects(), app.builds(), app.clock())) {
      if (!once) {
        resync.start(resyncCheck);
      }
      do {
        List<CompletionStage<BuildStatus>> reported =
            dispatcher.dispatch().entrySet().stream()
                .map(e -> report(e.getKey(), e.getValue()))
                .toList();
        if (once) {
          awaitAll(reported);
          return;
        }
        if (System.nanoTime() - nextOrphanCheck >= 0) {
          recheckOrphanedBuilds(orphans);
          nextOrphanCheck = System.nanoTime() + orphanCheck.toNanos();
        }
        Thread.sleep(poll.toMillis());
      } while (!Thread.currentThread().isInterrupted());
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopping);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook runs
      }
    }
  }

  /**
   * Fails the Running builds of local servers and {@code brig run --local} processes that died
   * without ending them (killed, out of memory, power loss), so nobody waits on them for good.
   */
  private void failOrphanedBuilds(OrphanedBuilds orphans) {
    var failed = orphans.failThoseOfDeadClaimants();
    if (!failed.isEmpty()) {
      err()
          .println(
              "kubeherd serve: failed builds "
                  + String.join(", ", failed)
                  + ": the process that ran them is gone; run them again with brig rerun <build"
                  + " ID>");
      err().flush();
    }
  }

  /** The periodic look for builds of dead claimants: a failed look is retried at the next one. */
  private void recheckOrphanedBuilds(OrphanedBuilds orphans) {
    try {
      failOrphanedBuilds(orphans);
    } catch (RuntimeException e) {
      err()
          .println(
              "kubeherd serve: could not look for builds whose process is gone ("
                  + e.getMessage()
                  + "); trying again in "
                  + orphanCheck);
      err().flush();
    }
  }

  /** Ends the builds this server still runs, so none stays Running with no worker behind it. */
  private void stopRunningBuilds(PendingBuildDispatcher dispatcher, String name) {
    try {
      var stopped = dispatcher.stopAll(id -> stoppedMessage(name, id), app.clock(), STOP_GRACE);
      if (!stopped.isEmpty()) {
        err().println("kubeherd serve: stopped builds " + String.join(", ", stopped));
        err().flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The status message of a build this server ended because it was stopped. */
  static String stoppedMessage(String server, String buildId) {
    return "the local server "
        + server
        + " was stopped while this build ran; run it again with brig rerun "
        + buildId;
  }

  /** The line printed when a build this server launched ends. */
  static String finishedLine(String buildId, BuildStatus status, Throwable error) {
    String id = " (Build ID: " + buildId + ")";
    if (error != null) {
      return "build failed to run: " + error.getMessage() + id;
    }
    String why = status.message().isEmpty() ? "" : ": " + status.message();
    return "build finished: " + status.phase().display() + id + why;
  }

  private CompletionStage<BuildStatus> report(String buildId, CompletionStage<BuildStatus> done) {
    return done.whenComplete(
        (status, error) -> {
          synchronized (this) {
            out().println(finishedLine(buildId, status, error));
            out().flush();
          }
        });
  }

  private static void awaitAll(List<CompletionStage<BuildStatus>> launched) {
    List<CompletableFuture<BuildStatus>> all = new ArrayList<>();
    launched.forEach(s -> all.add(s.toCompletableFuture()));
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
  }
}
