package dev.kubeherd.worker.run;

import dev.kubeherd.core.KubeherdException;
import dev.kubeherd.core.ProjectNotFoundException;
import dev.kubeherd.core.log.MaskingLogStore;
import dev.kubeherd.core.log.SecretValues;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.JobExecutor;
import dev.kubeherd.core.port.LogSink;
import dev.kubeherd.core.port.LogStore;
import dev.kubeherd.core.port.ProjectStore;
import dev.kubeherd.worker.metrics.WorkerMetrics;
import dev.kubeherd.worker.script.ScriptOutcome;
import dev.kubeherd.worker.script.ScriptSource;
import dev.kubeherd.worker.source.CheckoutSettings;
import dev.kubeherd.worker.source.GitCheckout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The worker for one claimed build, on the calling thread: load the project, check out the source,
 * find the script, run it, and record the final status. Every failure ends in a FAILED status whose
 * message says what went wrong; nothing escapes as an exception.
 */
public final class BuildWorker {
  /** How often a running build's status is re-read to notice a cancel. */
  public static final Duration DEFAULT_CANCEL_POLL = Duration.ofSeconds(1);

  private final ProjectStore projects;
  private final BuildStore builds;
  private final LogStore logs;
  private final BuildJobs jobs;
  private final WorkspaceProvider workspaces;
  private final Clock clock;
  private final Duration cancelPoll;
  private final WorkerMetrics metrics;

  public BuildWorker(
      ProjectStore projects,
      BuildStore builds,
      LogStore logs,
      JobExecutor executor,
      WorkspaceProvider workspaces,
      Clock clock) {
    this(projects, builds, logs, BuildJobs.shared(executor), workspaces, clock);
  }

  /** With jobs run where {@code jobs} says, e.g. as pods made for each build. */
  public BuildWorker(
      ProjectStore projects,
      BuildStore builds,
      LogStore logs,
      BuildJobs jobs,
      WorkspaceProvider workspaces,
      Clock clock) {
    this.projects = projects;
    this.builds = builds;
    this.logs = logs;
    this.jobs = jobs;
    this.workspaces = workspaces;
    this.clock = clock;
    this.cancelPoll = DEFAULT_CANCEL_POLL;
    this.metrics = WorkerMetrics.none();
  }

  private BuildWorker(BuildWorker w, Duration cancelPoll, WorkerMetrics metrics) {
    this.projects = w.projects;
    this.builds = w.builds;
    this.logs = w.logs;
    this.jobs = w.jobs;
    this.workspaces = w.workspaces;
    this.clock = w.clock;
    this.cancelPoll = cancelPoll;
    this.metrics = metrics;
  }

  /** This worker, looking for a cancel of its build every {@code interval}. */
  public BuildWorker withCancelPoll(Duration interval) {
    return new BuildWorker(this, interval, metrics);
  }

  /** This worker, recording its builds and jobs in {@code metrics}. */
  public BuildWorker withMetrics(WorkerMetrics metrics) {
    return new BuildWorker(this, cancelPoll, metrics);
  }

  public BuildStatus run(Build build) {
    metrics.buildStarted(build, clock.instant());
    ProjectLookup project = findProject(build);
    SecretValues secrets = project.found().map(SecretValues::of).orElse(SecretValues.NONE);
    ScriptOutcome outcome;
    try {
      outcome = runLogged(build, project, secrets);
    } catch (RuntimeException e) { // the worker log itself could not be opened or written
      outcome = ScriptOutcome.failure("worker failed: " + describe(e));
    }
    Instant end = clock.instant();
    ScriptOutcome result = outcome;
    // shown by brig and the API like the log, so masked like the log (a script may throw a secret)
    String message = secrets.mask(result.message());
    // cancelled while it ran (even a moment ago): the cancel's status stands
    return builds.updateStatus(
        build.id(),
        base ->
            base.phase().isTerminal()
                ? base
                : base.finished(result.succeeded(), result.exitCode(), end, message));
  }

  /** Runs the build with its worker log open; any failure becomes the outcome, said in the log. */
  private ScriptOutcome runLogged(Build build, ProjectLookup project, SecretValues secrets) {
    LogStore buildLogs = MaskingLogStore.wrap(logs, secrets);
    try (LogSink sink = buildLogs.open(build.id(), LogStore.WORKER)) {
      WorkerLog log = new WorkerLog(sink, build.request().logLevel());
      if (!secrets.tooShort().isEmpty()) {
        log.warn(
            "[brigade] not masked in logs (shorter than "
                + SecretValues.MIN_LENGTH
                + " characters): "
                + String.join(", ", secrets.tooShort()));
      }
      try {
        return execute(build, project, buildLogs, secrets, log);
      } catch (KubeherdException e) {
        log.error("[brigade] " + e.getMessage());
        return ScriptOutcome.failure(e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        log.error("[brigade] worker interrupted; build " + build.id() + " abandoned");
        return ScriptOutcome.failure("worker interrupted");
      } catch (RuntimeException e) { // e.g. the workspace cannot be made: a disk problem
        String message = "worker failed: " + describe(e);
        log.error("[brigade] " + message);
        return ScriptOutcome.failure(message);
      }
    }
  }

  private static String describe(RuntimeException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /**
   * The build's project, looked up once: its secrets are what the logs and status are masked of, so
   * a build whose project could not be read is not run (a second look that succeeded would run it
   * with nothing masked).
   */
  private ProjectLookup findProject(Build build) {
    try {
      return new ProjectLookup(projects.find(build.projectId()), null);
    } catch (RuntimeException e) { // said in the build's log by execute
      return new ProjectLookup(Optional.empty(), e);
    }
  }

  /** A project lookup's result: the project, or nothing, or why it could not be read. */
  private record ProjectLookup(Optional<Project> found, RuntimeException failure) {}

  private ScriptOutcome execute(
      Build build, ProjectLookup found, LogStore buildLogs, SecretValues secrets, WorkerLog log)
      throws InterruptedException {
    if (found.failure() != null) {
      throw new IllegalStateException(
          "project "
              + build.projectId()
              + " could not be read ("
              + describe(found.failure())
              + "); the build did not run. Run it again with brig rerun "
              + build.id(),
          found.failure());
    }
    Project project =
        found
            .found()
            .orElseThrow(
                () ->
                    new ProjectNotFoundException(
                        "Project not found: "
                            + build.projectId()
                            + " (was it deleted after the build was created?)"));
    String cloneUrl =
        build.request().cloneUrl().isEmpty() ? project.cloneUrl() : build.request().cloneUrl();
    boolean clone = !cloneUrl.isEmpty() && workspaces.checksOut(project);
    if (!cloneUrl.isEmpty() && !clone) {
      log.log("[brigade:vcs] the project has no vcsSidecar: no checkout");
    }
    Workspace ws = workspaces.prepare(build, clone);
    ws.checkout().ifPresent(dir -> checkout(cloneUrl, build, project, dir, log));
    Optional<ScriptSource> script = ScriptLocator.locate(build, project, ws);
    if (script.isEmpty()) {
      log.log(
          "[brigade] no brigade.js found (build script, repository brigade.js, project"
              + " defaultScript, defaultScriptName ConfigMap): nothing to run");
      return ScriptOutcome.success();
    }
    return new ScriptLauncher(builds, jobs, clock, cancelPoll, metrics)
        .run(build, project, ws, script.get(), new BuildOutput(buildLogs, secrets, log));
  }

  private void checkout(String url, Build build, Project project, Path dir, WorkerLog log) {
    if (Files.isDirectory(dir.resolve(".git"))) {
      log.log("[brigade:vcs] using the checkout already in " + dir + " (made by the vcs-sidecar)");
      return;
    }
    new GitCheckout(log::warn)
        .checkout(url, build.request().revision(), CheckoutSettings.of(project), dir);
    log.log("[brigade:vcs] checked out " + url + " at " + describe(build));
  }

  private static String describe(Build build) {
    var r = build.request().revision();
    return r.ref().isEmpty() ? r.commit() : r.ref();
  }
}
