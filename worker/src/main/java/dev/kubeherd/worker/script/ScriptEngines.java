package dev.kubeherd.worker.script;

import dev.kubeherd.sdkjs.SdkJs;
import java.io.OutputStream;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;

/**
 * The one GraalJS {@link Engine} of this process and the parsed runtime sources, shared by every
 * build's context so that parsing and warm-up are paid once. Interpreter mode (no JVMCI) with the
 * fallback-runtime warning silenced.
 */
public final class ScriptEngines {
  private static volatile ScriptEngines shared;
  private final Engine engine;
  private final Source runtime;
  private final Source brigadier;

  private ScriptEngines() {
    this.engine =
        Engine.newBuilder("js")
            .option("engine.WarnInterpreterOnly", "false")
            .out(OutputStream.nullOutputStream())
            .err(OutputStream.nullOutputStream())
            .build();
    this.runtime = internal(SdkJs.RUNTIME);
    this.brigadier = internal(SdkJs.BRIGADIER);
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

  Engine engine() {
    return engine;
  }

  Source runtime() {
    return runtime;
  }

  Source brigadier() {
    return brigadier;
  }
}
