package dev.kubeherd.worker.script;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.worker.job.InvalidJobException;
import dev.kubeherd.worker.job.JobNames;
import dev.kubeherd.worker.job.JobRunner;
import dev.kubeherd.worker.job.JobSpecReader;
import dev.kubeherd.worker.loop.Timers;
import dev.kubeherd.worker.run.WorkerLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The bridge the JavaScript runtime calls: the only host methods a script can reach (all on the
 * build's loop thread). Module loading is confined to the checkout; jobs go to the {@link
 * JobRunner}; timers to {@link Timers}.
 */
public final class WorkerHost {
  static final String WRAP_HEAD = "(function (exports, require, module, __filename, __dirname) {";
  static final String WRAP_TAIL = "\n})";
  private final BuildScope scope;
  private final ModuleResolver resolver;
  private final WorkerLog log;
  private final Timers timers;
  private final JobRunner jobs;
  private final JobSpecReader specs;
  private final BiConsumer<Value, String> onUnhandledRejection;
  private Context context;

  WorkerHost(
      BuildScope scope,
      ModuleResolver resolver,
      WorkerLog log,
      Timers timers,
      JobRunner jobs,
      JobSpecReader specs,
      BiConsumer<Value, String> onUnhandledRejection) {
    this.scope = scope;
    this.resolver = resolver;
    this.log = log;
    this.timers = timers;
    this.jobs = jobs;
    this.specs = specs;
    this.onUnhandledRejection = onUnhandledRejection;
  }

  void attach(Context ctx) {
    this.context = ctx;
  }

  @HostAccess.Export
  public void log(String level, String text) {
    log.console(text);
  }

  /** Milliseconds on a clock that only moves forward, for {@code console.time}. */
  @HostAccess.Export
  public double monotonicMillis() {
    return System.nanoTime() / 1e6;
  }

  @HostAccess.Export
  public int setTimer(Value fn, double millis, boolean repeat) {
    return timers.set(() -> fn.executeVoid(), (long) millis, repeat);
  }

  @HostAccess.Export
  public boolean refreshTimer(int id, Value fn, double millis, boolean repeat) {
    return timers.refresh(id, () -> fn.executeVoid(), (long) millis, repeat);
  }

  @HostAccess.Export
  public void clearTimer(int id) {
    timers.clear(id);
  }

  @HostAccess.Export
  public void refTimer(int id, boolean keepAlive) {
    timers.keepsLoopAlive(id, keepAlive);
  }

  @HostAccess.Export
  public String rootDir() {
    return resolver.root().toString();
  }

  @HostAccess.Export
  public String dirname(String file) {
    Path parent = Path.of(file).getParent();
    return parent == null ? resolver.root().toString() : parent.toString();
  }

  @HostAccess.Export
  public Object resolveModule(String fromDir, String name) {
    try {
      return ProxyObject.fromMap(
          Map.of("path", resolver.resolve(Path.of(fromDir), name).toString()));
    } catch (ModuleNotFoundException e) {
      return ProxyObject.fromMap(Map.of("error", e.getMessage()));
    }
  }

  @HostAccess.Export
  public String readModule(String file) {
    return read(Path.of(file));
  }

  @HostAccess.Export
  public Value compileModule(String file) {
    Path p = Path.of(file);
    return compile(read(p), displayName(p));
  }

  /** The {@code kubeherd} library's factory, evaluated on the script's first use of it. */
  @HostAccess.Export
  public Value kubeherdFactory() {
    return context.eval(ScriptEngines.shared().kubeherd());
  }

  /** The factory of the script's {@code Buffer}, evaluated on its first use. */
  @HostAccess.Export
  public Value bufferFactory() {
    return context.eval(ScriptEngines.shared().buffer());
  }

  /** {@code text}'s bytes in an encoding {@code buffer.js} names, one char per byte. */
  @HostAccess.Export
  public String encodeText(String text, String encoding) {
    return BufferCodec.encode(text, encoding);
  }

  /** The text of bytes (one char per byte) in an encoding {@code buffer.js} names. */
  @HostAccess.Export
  public String decodeBytes(String bytes, String encoding) {
    return BufferCodec.decode(bytes, encoding);
  }

  /** The script, compiled as a CommonJS module function; a SyntaxError if it is not one. */
  Value compileMain() {
    return compile(scope.script().text(), scope.script().name());
  }

  @HostAccess.Export
  public void unhandledRejection(Value reason, String description) {
    onUnhandledRejection.accept(reason, description);
  }

  @HostAccess.Export
  public String jobNameProblem(String name) {
    return JobNames.problem(name).orElse("");
  }

  @HostAccess.Export
  public String buildId() {
    return scope.buildId();
  }

  @HostAccess.Export
  public boolean allowHostMounts() {
    return scope.allowHostMounts();
  }

  /**
   * Starts a job; a job that cannot be run as written (e.g. an unusable {@code timeout}) is
   * rejected like a failed one, {@code job <name>(<pod>): Error: <why>}, without starting.
   */
  @HostAccess.Export
  public void startJob(Value job, Value onSuccess, Value onFailure) {
    JobSpec spec;
    try {
      spec = specs.read(job);
    } catch (InvalidJobException e) {
      String name = e.jobName();
      onFailure.executeVoid(
          "job " + name + "(" + name + "-" + buildId() + "): Error: " + e.getMessage());
      return;
    }
    jobs.start(spec, spec.pod().streamLogs(), onSuccess::executeVoid, onFailure::executeVoid);
  }

  /**
   * What the script's {@code process} shows of its environment, as JSON: {@code env} (the build's
   * variables, see {@link BuildScope#processEnv()}) and {@code platform} (Node's name for this OS).
   */
  @HostAccess.Export
  public String processInfo() {
    return Json.MAPPER.writeValueAsString(
        Map.of("env", scope.processEnv(), "platform", platform(System.getProperty("os.name"))));
  }

  static String platform(String osName) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("mac") || os.startsWith("darwin")) {
      return "darwin";
    }
    if (os.startsWith("windows")) {
      return "win32";
    }
    return os.isEmpty() ? "linux" : os.split("[^a-z]", 2)[0];
  }

  @HostAccess.Export
  public String jobLogs(String podName) {
    return jobs.logsOf(podName);
  }

  private Value compile(String text, String name) {
    String body = ScriptSource.hashbangAsComment(text);
    Source src = Source.newBuilder("js", WRAP_HEAD + body + WRAP_TAIL, name).buildLiteral();
    return context.eval(src);
  }

  private String displayName(Path p) {
    Path root = resolver.root();
    return p.startsWith(root) ? root.relativize(p).toString() : p.toString();
  }

  private String read(Path p) {
    if (!resolver.isInside(p)) {
      throw new ModuleNotFoundException(
          "module " + p + " is outside the checkout " + resolver.root());
    }
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException("reading module " + p, e);
    }
  }
}
