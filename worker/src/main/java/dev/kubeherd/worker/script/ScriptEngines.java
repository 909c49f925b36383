package dev.kubeherd.worker.script;

import dev.kubeherd.sdkjs.SdkJs;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
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
  private final Engine engine;
  private final Source runtime;
  private final Source brigadier;
  private final Source kubeherd;

  private ScriptEngines() {
    this.engine =
        Engine.newBuilder("js")
            .option("engine.WarnInterpreterOnly", "false")
            .out(OutputStream.nullOutputStream())
            .err(OutputStream.nullOutputStream())
            .build();
    this.runtime = internal(SdkJs.RUNTIME);
    this.brigadier = internal(SdkJs.BRIGADIER);
    this.kubeherd = internal(SdkJs.KUBEHERD);
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
   * A context for one build's script: only {@code @HostAccess.Export} members, no class lookup,
   * threads or native access, files only below {@code root} (read-only). Every context on the
   * shared engine must be configured alike, so this is the one place that builds them.
   */
  Context newContext(Path root) {
    return Context.newBuilder("js")
        .engine(engine)
        .allowHostAccess(HostAccess.EXPLICIT)
        .allowHostClassLookup(c -> false)
        .allowCreateThread(false)
        .allowNativeAccess(false)
        .allowIO(IOAccess.newBuilder().fileSystem(new CheckoutFileSystem(root)).build())
        .option("js.unhandled-rejections", "handler")
        .option("js.esm-eval-returns-exports", "true")
        .build();
  }

  /**
   * Starts creating the engine and parsing the runtime sources on a background thread, so that a
   * process about to run a build (e.g. {@code brig run}) overlaps that warm-up with its own work.
   * Idempotent; costs nothing if the engine already exists.
   */
  public static void prewarm() {
    if (shared != null || PREWARM_STARTED.getAndSet(true)) {
      return;
    }
    Thread t =
        new Thread(
            () -> {
              try (Context ctx =
                  shared().newContext(Path.of(System.getProperty("java.io.tmpdir")))) {
                ctx.eval(shared.brigadier);
                ctx.eval(shared.kubeherd);
                ctx.eval(shared.runtime);
              } catch (RuntimeException e) {
                // best effort: the build itself will create the engine and report any problem
              }
            },
            "script-engine-prewarm");
    t.setDaemon(true);
    t.start();
  }

  Source runtime() {
    return runtime;
  }

  Source brigadier() {
    return brigadier;
  }

  Source kubeherd() {
    return kubeherd;
  }
}
