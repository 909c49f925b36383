package dev.kubeherd.worker.script;

import dev.kubeherd.sdkjs.SdkJs;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.IOAccess;

/**
 * The one GraalJS {@link Engine} of this process and the parsed runtime sources, shared by every
 * build's context so that parsing and warm-up are paid once. Interpreter mode (no JVMCI) with the
 * fallback-runtime warning silenced.
 */
public final class ScriptEngines {
  private static volatile ScriptEngines shared;
  private static final AtomicBoolean PREWARM_STARTED = new AtomicBoolean();
  private static final AtomicReference<CompletableFuture<PreparedContext>> SPARE =
      new AtomicReference<>();
  private final Engine engine;
  private final Source runtime;
  private final Source brigadier;
  private final Source console;
  private final Source kubeherd;
  private final Source buffer;

  private ScriptEngines() {
    this.engine =
        Engine.newBuilder("js")
            .option("engine.WarnInterpreterOnly", "false")
            .out(OutputStream.nullOutputStream())
            .err(OutputStream.nullOutputStream())
            .build();
    this.runtime = internal(SdkJs.RUNTIME);
    this.brigadier = internal(SdkJs.BRIGADIER);
    this.console = internal(SdkJs.CONSOLE);
    this.kubeherd = internal(SdkJs.KUBEHERD);
    this.buffer = internal(SdkJs.BUFFER);
  }

  private static Source internal(SdkJs file) {
    return Source.newBuilder("js", file.text(), "kubeherd:" + file.fileName()).buildLiteral();
  }

  /** The process-wide instance, created on first use. */
  public static ScriptEngines shared() {
    ScriptEngines s = shared;
    if (s == null) {
      synchronized (ScriptEngines.class) {
        s = shared;
        if (s == null) {
          s = new ScriptEngines();
          shared = s;
        }
      }
    }
    return s;
  }

  /**
   * A context for one build, reading files only below {@code root}: the one {@link #prewarm()}
   * prepared if it is still unused (waiting for it if it is being prepared, which is never slower
   * than starting over), else a new one.
   */
  PreparedContext context(Path root) {
    CompletableFuture<PreparedContext> spare = SPARE.getAndSet(null);
    PreparedContext ready = spare == null ? null : spare.exceptionally(e -> null).join();
    return (ready == null ? prepare() : ready).bind(root);
  }

  /**
   * A new context with {@code brigadier.js}, {@code console.js} and {@code runtime.js} evaluated
   * and no checkout bound: only {@code @HostAccess.Export} members, no class lookup, threads or
   * native access, files read-only below the checkout bound later. Every context on the shared
   * engine must be configured alike, so this is the one place that builds them.
   */
  private PreparedContext prepare() {
    CheckoutFileSystem files = CheckoutFileSystem.unbound();
    Context ctx =
        Context.newBuilder("js")
            .engine(engine)
            .allowHostAccess(HostAccess.EXPLICIT)
            .allowHostClassLookup(c -> false)
            .allowCreateThread(false)
            .allowNativeAccess(false)
            .allowIO(IOAccess.newBuilder().fileSystem(files).build())
            .option("js.unhandled-rejections", "handler")
            .option("js.esm-eval-returns-exports", "true")
            .build();
    try {
      return new PreparedContext(
          ctx, files, ctx.eval(brigadier), ctx.eval(console), ctx.eval(runtime));
    } catch (RuntimeException e) {
      ctx.close();
      throw e;
    }
  }

  /**
   * Starts creating the engine and the first build's context on a background thread, so that a
   * process about to run a build (e.g. {@code brig run}) overlaps that warm-up with its own work;
   * the first build takes that context. Idempotent.
   */
  public static void prewarm() {
    if (PREWARM_STARTED.getAndSet(true)) {
      return;
    }
    CompletableFuture<PreparedContext> spare = new CompletableFuture<>();
    SPARE.set(spare);
    Thread t =
        new Thread(
            () -> {
              try {
                spare.complete(shared().prepare());
              } catch (RuntimeException | Error e) {
                // the build then prepares its own context and reports any problem itself
                spare.completeExceptionally(e);
              }
            },
            "script-engine-prewarm");
    t.setDaemon(true);
    t.start();
  }

  /** {@code kubeherd.js}, evaluated in a build's context only when its script requires it. */
  Source kubeherd() {
    return kubeherd;
  }

  /** {@code buffer.js}, evaluated in a build's context only when its script uses {@code Buffer}. */
  Source buffer() {
    return buffer;
  }
}
