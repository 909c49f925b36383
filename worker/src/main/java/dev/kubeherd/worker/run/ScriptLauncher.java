package dev.kubeherd.worker.run;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.worker.job.JobRunner;
import dev.kubeherd.worker.job.JobSpecReader;
import dev.kubeherd.worker.loop.EventLoop;
import dev.kubeherd.worker.metrics.WorkerMetrics;
import dev.kubeherd.worker.script.BuildScope;
import dev.kubeherd.worker.script.ScriptOutcome;
import dev.kubeherd.worker.script.ScriptRun;
import dev.kubeherd.worker.script.ScriptSource;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Runs the script a build's worker found: opens the build's job session, wires the event loop, job
 * runner and job reader to a {@link ScriptRun}, watches for a cancel while it runs, and says how
 * the script ended.
 */
final class ScriptLauncher {
  private final BuildStore builds;
  private final BuildJobs jobs;
  private final Clock clock;
  private final Duration cancelPoll;
  private final WorkerMetrics metrics;

  ScriptLauncher(
      BuildStore builds, BuildJobs jobs, Clock clock, Duration cancelPoll, WorkerMetrics metrics) {
    this.builds = builds;
    this.jobs = jobs;
    this.clock = clock;
    this.cancelPoll = cancelPoll;
    this.metrics = metrics;
  }

  ScriptOutcome run(
      Build build, Project project, Workspace ws, ScriptSource script, BuildOutput out)
      throws InterruptedException {
    try (BuildJobs.Session session = jobs.open(build, project, out.log())) {
      return run(build, project, ws, script, out, session);
    }
  }

  private ScriptOutcome run(
      Build build,
      Project project,
      Workspace ws,
      ScriptSource script,
      BuildOutput out,
      BuildJobs.Session session)
      throws InterruptedException {
    WorkerLog log = out.log();
    EventLoop loop = new EventLoop();
    String namespace = project.namespace().isEmpty() ? "local" : project.namespace();
    JobRunner runner =
        new JobRunner(
            builds,
            metrics,
            out.logs(),
            out.secrets(),
            session.executor(),
            loop,
            log,
            clock,
            namespace,
            build.id());
    JobSpecReader specs =
        new JobSpecReader(
            build.id(), project, ws, w -> log.warn("[brigade:k8s] " + w), session.target());
    Consumer<String> cancel =
        why -> {
          log.error("[brigade] build " + build.id() + " cancelled: " + why + "; stopping its jobs");
          runner.cancelAll();
          loop.stop();
        };
    try (CancelWatch watch = CancelWatch.start(builds, build.id(), cancelPoll, cancel)) {
      return new ScriptRun(scope(build, project, ws, script), log, loop, runner, specs).execute();
    } finally {
      runner.flush();
    }
  }

  private static BuildScope scope(Build build, Project project, Workspace ws, ScriptSource script) {
    return new BuildScope(
        build.id(),
        build.request().type().isEmpty() ? "ping" : build.request().type(),
        EventJson.event(build, project),
        EventJson.project(project),
        project.flag(ProjectKeys.ALLOW_HOST_MOUNTS, false),
        script,
        ws.scriptRoot(),
        ScriptEnv.of(build, project));
  }
}
