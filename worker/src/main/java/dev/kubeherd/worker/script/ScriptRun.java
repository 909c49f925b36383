package dev.kubeherd.worker.script;

import dev.kubeherd.worker.job.JobRunner;
import dev.kubeherd.worker.job.JobSpecReader;
import dev.kubeherd.worker.loop.EventLoop;
import dev.kubeherd.worker.loop.Timers;
import dev.kubeherd.worker.run.WorkerLog;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * Runs one build's brigade.js with Brigade v1.5 semantics, on the calling thread, which owns the
 * context for the whole run: load the script, fire the event, drain the loop; on the first
 * unhandled rejection (or a throw while loading or firing) fire {@code error} once and fail;
 * otherwise fire {@code after} when the event had a handler (its trigger {@code failure} if the
 * script set a non-zero {@code process.exitCode}, else {@code success}), and fail with that exit
 * code (as a v1 worker process then exited with it).
 */
public final class ScriptRun {
  private final BuildScope scope;
  private final ScriptSource script;
  private final WorkerLog log;
  private final EventLoop loop;
  private final Timers timers;
  private final JobRunner jobs;
  private final WorkerHost host;
  private Value runtime;
  private Value firstReason;
  private String firstDescription;

  public ScriptRun(
      BuildScope scope, WorkerLog log, EventLoop loop, JobRunner jobs, JobSpecReader specs) {
    this.scope = scope;
    this.script = scope.script();
    this.log = log;
    this.loop = loop;
    this.timers = new Timers(loop);
    this.jobs = jobs;
    this.host =
        new WorkerHost(
            scope,
            new ModuleResolver(scope.root()),
            log,
            timers,
            jobs,
            specs,
            this::onUnhandledRejection);
  }

  /** Executes the script to completion on the calling thread. */
  public ScriptOutcome execute() throws InterruptedException {
    PreparedContext prepared = ScriptEngines.shared().context(scope.root());
    try (Context ctx = prepared.context()) {
      host.attach(ctx);
      runtime =
          prepared
              .runtimeFactory()
              .execute(host, prepared.brigadierFactory(), prepared.consoleFactory());
      return runPhases(ctx);
    } catch (PolyglotException e) {
      return crash(e);
    } finally {
      timers.clearAll();
    }
  }

  /** Called by the bridge (on the loop thread) for each promise rejection nobody handled. */
  void onUnhandledRejection(Value reason, String description) {
    if (firstReason != null) {
      log.error("[brigade:app] further unhandled rejection: " + description);
      return;
    }
    firstReason = reason;
    firstDescription = description;
    log.error("[brigade:app] unhandled rejection: " + description);
    loop.post(this::fireError);
  }

  private ScriptOutcome runPhases(Context ctx) throws InterruptedException {
    log.log("[brigade] kubeherd worker running " + script.name() + " (" + script.origin() + ")");
    if (load(ctx)) {
      boolean handled = runtime.getMember("hasHandler").execute(scope.eventType()).asBoolean();
      if (!handled) {
        log.log(
            "[brigade:app] no handler for event \""
                + scope.eventType()
                + "\" in "
                + script.name()
                + "; nothing to do");
      }
      guarded(() -> runtime.getMember("fire").execute(scope.eventJson(), scope.projectJson()));
      loop.runUntilIdle();
      if (firstReason == null && !loop.isStopped()) { // stopped: cancelled, so no after
        after(handled);
      }
    } else {
      loop.runUntilIdle();
    }
    if (firstReason != null) {
      return ScriptOutcome.failure(firstLine(firstDescription));
    }
    int exitCode = exitCode();
    if (exitCode == 0) {
      return ScriptOutcome.success();
    }
    String why = "the script set process.exitCode = " + exitCode;
    log.error("[brigade:app] " + why + ": the build fails");
    return new ScriptOutcome(false, exitCode, why);
  }

  private boolean load(Context ctx) {
    try {
      if (script.isModule() || !loadCommonJs(ctx)) {
        ctx.eval(moduleSource());
      }
      return true;
    } catch (PolyglotException e) {
      if (e.isHostException() || e.isInternalError() || e.isCancelled()) {
        throw e;
      }
      onUnhandledRejection(e.getGuestObject(), Failures.describe(e));
      return false;
    }
  }

  /**
   * Runs the script as CommonJS, as v1 did; false, having run nothing, when it does not compile as
   * CommonJS, has import/export statements and parses as an ES module (which may also use top-level
   * await).
   */
  private boolean loadCommonJs(Context ctx) {
    Value main;
    try {
      main = host.compileMain();
    } catch (PolyglotException e) {
      // without import/export lines (top-level await in a require()ing script) CommonJS's error
      // stands; a module with a syntax error of its own is reported with that error
      if (!e.isSyntaxError() || !script.hasModuleStatements()) {
        throw e;
      }
      PolyglotException asModule = moduleSyntaxError(ctx);
      if (asModule == null) {
        return false;
      }
      throw asModule;
    }
    runtime.getMember("loadMain").execute(script.name(), script.dir().toString(), main);
    return true;
  }

  private void after(boolean handled) throws InterruptedException {
    if (!handled) {
      log.log("[brigade:app] no-after: fired");
      return;
    }
    // as v1's beforeExit: "failure" once the script has set a non-zero process.exitCode
    String trigger = exitCode() == 0 ? "success" : "failure";
    guarded(() -> runtime.getMember("fireLifecycle").execute("after", trigger));
    loop.runUntilIdle();
    if (firstReason == null) {
      log.log("[brigade:app] after: default event handler fired");
    }
  }

  /** The exit code the script's {@code process.exitCode} gives the build (0 when unset). */
  private int exitCode() {
    return runtime.getMember("exitCode").execute().asInt();
  }

  private void fireError() {
    log.log("[brigade:app] error handler is firing");
    try {
      runtime.getMember("fireLifecycle").execute("error", "unhandledRejection", firstReason);
    } catch (PolyglotException e) {
      if (!e.isGuestException()) {
        throw e;
      }
      log.error("[brigade:app] error handler threw: " + Failures.describe(e));
    }
  }

  private void guarded(Runnable r) {
    try {
      r.run();
    } catch (PolyglotException e) {
      if (!e.isGuestException()) {
        throw e;
      }
      onUnhandledRejection(e.getGuestObject(), Failures.describe(e));
    }
  }

  private ScriptOutcome crash(PolyglotException e) {
    jobs.cancelAll();
    loop.stop();
    String why = Failures.describe(e);
    log.error("[brigade:app] worker crashed: " + why);
    return ScriptOutcome.failure(firstLine(why));
  }

  /**
   * The syntax error parsing the script as an ES module gives, or null when it parses; parsing runs
   * nothing and loads no imports.
   */
  private PolyglotException moduleSyntaxError(Context ctx) {
    try {
      ctx.parse(moduleSource());
      return null;
    } catch (PolyglotException e) {
      if (!e.isSyntaxError()) {
        throw e;
      }
      return e;
    }
  }

  private Source moduleSource() {
    return Source.newBuilder("js", ScriptSource.hashbangAsComment(script.text()), script.name())
        .mimeType("application/javascript+module")
        .uri(scope.root().resolve(script.name()).toUri())
        .buildLiteral();
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
