package dev.kubeherd.bench;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * P3: N trivial jobs (default 1,000) through {@code Group.runAll} with the process runtime, in one
 * warm JVM (one unmeasured round first). A round is one build, timed from just before {@code
 * BuildStore.create} to its SUCCEEDED status; jobs/s = N / that time. Baseline in the same run:
 * {@code bash -c 'for i in $(seq N); do bash -c true; done'}. With {@code --profile}, store calls
 * are timed ({@link TimedPorts}) and live child processes sampled, to show where the time goes.
 *
 * <p>Usage: {@code java -cp kubeherd-bench.jar dev.kubeherd.bench.GroupThroughput [rounds] [jobs]
 * [--profile]}
 */
public final class GroupThroughput {
  private static final double TARGET_RATIO = 0.5;
  static final long CLK_TCK = 100;

  private GroupThroughput() {}

  /**
   * The job's one task: {@code true}, or {@code -Dkubeherd.bench.task=...} (e.g. a job that
   * prints).
   */
  static final String TASK = System.getProperty("kubeherd.bench.task", "true");

  static String script(int jobs) {
    return "events.on(\"exec\", async () => {\n"
        + "  const jobs = [];\n"
        + "  for (let i = 0; i < "
        + jobs
        + "; i++) jobs.push(new Job(\"j\" + i, \"\", ["
        + "\""
        + TASK.replace("\\", "\\\\").replace("\"", "\\\"")
        + "\""
        + "]));\n"
        + "  await Group.runAll(jobs);\n"
        + "});\n";
  }

  record Round(
      double wallS,
      double windowS,
      int maxInFlight,
      int maxChildren,
      double startCallUs,
      double jvmCpuS,
      double childCpuS) {}

  public static void main(String[] args) {
    List<String> plain = new ArrayList<>(List.of(args));
    boolean profile = plain.remove("--profile");
    int rounds = plain.size() > 0 ? Integer.parseInt(plain.get(0)) : 3;
    int jobs = plain.size() > 1 ? Integer.parseInt(plain.get(1)) : 1000;
    TimedPorts timed = profile ? new TimedPorts() : null;
    LocalStack stack = LocalStack.inTempHome(timed);
    List<Round> measured = new ArrayList<>();
    try {
      for (int r = -1; r < rounds; r++) {
        if (timed != null) {
          timed.reset();
        }
        Round round = round(stack, jobs, timed);
        System.err.printf(
            "%s round: %.2f s, %.0f jobs/s%n",
            r < 0 ? "warm-up" : "measured", round.wallS(), jobs / round.wallS());
        if (r >= 0) {
          measured.add(round);
        }
      }
    } finally {
      stack.deleteHome();
    }
    List<Double> baseline = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      baseline.add(RawSpawn.bashLoopSeconds(jobs));
    }
    print(jobs, measured, baseline, profile);
    if (timed != null) {
      System.out.println();
      System.out.println("Store calls during the last measured round (all on the build's thread):");
      System.out.println();
      timed.print(measured.getLast().wallS() * 1000);
      List<ExecutorOnly.Run> alone = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        alone.add(ExecutorOnly.run(jobs));
      }
      double s = Stats.of(alone.stream().map(ExecutorOnly.Run::wallS).toList()).median();
      System.out.printf(
          "%n`ProcessJobExecutor` alone (no worker, no stores), %d jobs: median %s s → **%s jobs/s**"
              + " (runs, wall / JVM CPU / children CPU s: %s).%n",
          jobs,
          Stats.f(s, 2),
          Stats.f(jobs / s, 0),
          String.join(
              ", ",
              alone.stream()
                  .map(
                      a ->
                          Stats.f(a.wallS(), 2)
                              + " / "
                              + Stats.f(a.jvmCpuS(), 2)
                              + " / "
                              + Stats.f(a.childCpuS(), 2))
                  .toList()));
    }
  }

  private static Round round(LocalStack stack, int jobs, TimedPorts timed) {
    boolean sampleChildren = timed != null;
    long[] cpu0 = cpuTicks();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger maxChildren = new AtomicInteger(-1);
    Thread sampler = sampleChildren ? childSampler(running, maxChildren) : null;
    long t0 = System.nanoTime();
    Build build = stack.createAndClaim(script(jobs));
    CompletionStage<BuildStatus> done = stack.launch(build);
    LocalStack.awaitSuccess(build, done);
    long t1 = System.nanoTime();
    running.set(false);
    long[] cpu1 = cpuTicks();
    if (sampler != null) {
      join(sampler);
    }
    JobProbe.Times t = stack.probe().times(build.id());
    if (t.completed.get() != jobs || t.failed.get() != 0) {
      throw new IllegalStateException(
          t.completed.get() + " of " + jobs + " jobs completed, " + t.failed.get() + " failed");
    }
    Round round =
        new Round(
            (t1 - t0) / 1e9,
            (t.lastDone.get() - t.firstStart.join()) / 1e9,
            t.maxInFlight.get(),
            maxChildren.get(),
            t.startCallNanos.sum() / 1e3 / jobs,
            (double) (cpu1[0] - cpu0[0]) / CLK_TCK,
            (double) (cpu1[1] - cpu0[1]) / CLK_TCK);
    if (timed != null) {
      timed.pause();
    }
    stack.discard(build);
    return round;
  }

  private static void print(int jobs, List<Round> rounds, List<Double> baseline, boolean profile) {
    System.out.println();
    System.out.println(
        "### P3 " + jobs + " trivial jobs through `Group.runAll`, process runtime (warm)");
    System.out.println();
    Stats.header(
        "round",
        "build wall s",
        "jobs/s",
        "first start → last done s",
        "max in flight",
        "max live children",
        "µs in `start` / job",
        "JVM CPU s",
        "children CPU s");
    for (int i = 0; i < rounds.size(); i++) {
      Round r = rounds.get(i);
      Stats.row(
          Integer.toString(i + 1),
          Stats.f(r.wallS(), 2),
          Stats.f(jobs / r.wallS(), 0),
          Stats.f(r.windowS(), 2),
          Integer.toString(r.maxInFlight()),
          profile ? Integer.toString(r.maxChildren()) : "–",
          Stats.f(r.startCallUs(), 0),
          Stats.f(r.jvmCpuS(), 2),
          Stats.f(r.childCpuS(), 2));
    }
    double rate = jobs / Stats.of(rounds.stream().map(Round::wallS).toList()).median();
    double rawS = Stats.of(baseline).median();
    double rawRate = jobs / rawS;
    System.out.println();
    System.out.printf(
        "Median: **%s jobs/s**. Baseline `bash -c 'for i in $(seq %d); do bash -c true; done'`:"
            + " %s s (runs: %s) → **%s spawns/s**. Ratio **%s** (target ≥ %s: **%s**).%n",
        Stats.f(rate, 0),
        jobs,
        Stats.f(rawS, 2),
        String.join(", ", baseline.stream().map(b -> Stats.f(b, 2)).toList()),
        Stats.f(rawRate, 0),
        Stats.f(rate / rawRate * 100, 1) + " %",
        Stats.pct(TARGET_RATIO),
        rate / rawRate >= TARGET_RATIO ? "met" : "not met");
  }

  /** [this process's user+system ticks, its reaped children's user+system ticks]. */
  static long[] cpuTicks() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // after "pid (comm) ": state=f[0], utime=f[11], stime=f[12], cutime=f[13], cstime=f[14]
      return new long[] {
        Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[13]) + Long.parseLong(f[14])
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Thread childSampler(AtomicBoolean running, AtomicInteger max) {
    return Thread.ofPlatform()
        .daemon()
        .name("child-sampler")
        .start(
            () -> {
              while (running.get()) {
                max.accumulateAndGet((int) ProcessHandle.current().children().count(), Math::max);
                try {
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
  }

  private static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
