package dev.kubeherd.bench;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildStatus;
import java.util.concurrent.CompletionStage;

/**
 * P1: warm event → first job started, in one process. Each sample is one build of {@link
 * ColdStart#SCRIPT}: from just before {@code BuildStore.create} (+ {@code claim} + {@code
 * InProcessWorkerLauncher.launch}) to the moment the worker calls {@code JobExecutor.start} for the
 * first job (recorded by {@link JobProbe}). Builds run one after another, each awaited to success
 * and then deleted. The baseline, in the same JVM afterwards: spawning {@code bash -c true} with
 * {@link ProcessBuilder}.
 *
 * <p>Usage: {@code java -cp kubeherd-bench.jar dev.kubeherd.bench.WarmFirstJob [warmup] [samples]}
 */
public final class WarmFirstJob {
  private static final double TARGET_MS = 50;

  private WarmFirstJob() {}

  public static void main(String[] args) {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int samples = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    LocalStack stack = LocalStack.inTempHome(null);
    long[] toFirstStart = new long[samples];
    long[] createClaim = new long[samples];
    long[] launchToStart = new long[samples];
    long[] wholeBuild = new long[samples];
    try {
      for (int i = -warmup; i < samples; i++) {
        long t0 = System.nanoTime();
        Build build = stack.createAndClaim(ColdStart.SCRIPT);
        long claimed = System.nanoTime();
        CompletionStage<BuildStatus> done = stack.launch(build);
        long started = stack.probe().times(build.id()).firstStart.join();
        LocalStack.awaitSuccess(build, done);
        long finished = System.nanoTime();
        if (i >= 0) {
          toFirstStart[i] = started - t0;
          createClaim[i] = claimed - t0;
          launchToStart[i] = started - claimed;
          wholeBuild[i] = finished - t0;
        }
        stack.discard(build);
      }
    } finally {
      stack.deleteHome();
    }
    long[][] raw = RawSpawn.bashTrue(20, samples);

    Stats p1 = Stats.ofNanosAsMillis(toFirstStart);
    Stats rawSpawn = Stats.ofNanosAsMillis(raw[1]);
    System.out.println();
    System.out.println(
        "### P1 warm event → first job started ("
            + warmup
            + " warm-up builds, "
            + samples
            + " measured)");
    System.out.println();
    Stats.header("measure", "p50 ms", "p90 ms", "p99 ms", "min ms", "max ms");
    row("**P1: create + claim + launch → first `JobExecutor.start`**", p1);
    row("… of which `create` + `claim`", Stats.ofNanosAsMillis(createClaim));
    row("… of which `launch` → first `start`", Stats.ofNanosAsMillis(launchToStart));
    row("whole build, create → SUCCEEDED", Stats.ofNanosAsMillis(wholeBuild));
    row("baseline: `bash -c true` via ProcessBuilder, start() → exit", rawSpawn);
    row("baseline: `bash -c true` via ProcessBuilder, start() only", Stats.ofNanosAsMillis(raw[0]));
    System.out.println();
    System.out.printf(
        "P1 p50 / raw spawn p50 = %s / %s ms = **%s×**; target p50 ≤ %s ms: **%s**%n",
        Stats.f(p1.median(), 1),
        Stats.f(rawSpawn.median(), 2),
        Stats.f(p1.median() / rawSpawn.median(), 1),
        Stats.f(TARGET_MS, 0),
        p1.median() <= TARGET_MS ? "met" : "not met");
  }

  private static void row(String name, Stats s) {
    Stats.row(
        name,
        Stats.f(s.median(), 2),
        Stats.f(s.percentile(90), 2),
        Stats.f(s.percentile(99), 2),
        Stats.f(s.min(), 2),
        Stats.f(s.max(), 2));
  }
}
