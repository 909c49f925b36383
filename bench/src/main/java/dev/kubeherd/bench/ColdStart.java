package dev.kubeherd.bench;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.worker.InProcessWorkerLauncher;
import dev.kubeherd.worker.script.ScriptEngines;
import java.nio.file.Path;

/**
 * P2's subject, the main class of {@code kubeherd-bench.jar}: a fresh JVM wires the local stack in
 * the {@code KUBEHERD_HOME} given as the first argument (or the environment), runs one build of a
 * trivial brigade.js and exits as soon as its first job has completed: status 0 if that job
 * succeeded, else 1. {@link ColdStartBench} runs it under {@code /usr/bin/time}.
 */
public final class ColdStart {
  static final String SCRIPT =
      "events.on(\"exec\", () => new Job(\"first\", \"\", [\"true\"]).run());\n";

  private ColdStart() {}

  public static void main(String[] args) {
    long t0 = System.nanoTime();
    String home = args.length > 0 ? args[0] : System.getenv("KUBEHERD_HOME");
    if (home == null || home.isBlank()) {
      System.err.println("usage: java -jar kubeherd-bench.jar KUBEHERD_HOME");
      System.exit(2);
    }
    boolean verbose = Boolean.getBoolean("kubeherd.bench.verbose");
    if (!verbose) { // as brig run does before it reads the project and stores the build
      InProcessWorkerLauncher.prewarm();
    }
    LocalStack stack = new LocalStack(Path.of(home), null, 0);
    long wired = System.nanoTime();
    if (verbose) { // diagnostic only: pays the shared GraalJS engine's creation up front, timed
      ScriptEngines.shared();
    }
    long engine = System.nanoTime();
    Build build = stack.createAndClaim(SCRIPT);
    stack.launch(build);
    JobProbe.Times times = stack.probe().times(build.id());
    long started = times.firstStart.join();
    long done = times.firstDone.join();
    if (verbose) {
      System.err.printf(
          "wire stores+executor %.1f ms, GraalJS engine %.1f ms,"
              + " build to first job start %.1f ms, job %.1f ms%n",
          (wired - t0) / 1e6,
          (engine - wired) / 1e6,
          (started - engine) / 1e6,
          (done - started) / 1e6);
    }
    System.exit(times.failed.get() == 0 ? 0 : 1);
  }
}
