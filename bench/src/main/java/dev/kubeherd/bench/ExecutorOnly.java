package dev.kubeherd.bench;

import dev.kubeherd.core.local.exec.ProcessJobExecutor;
import dev.kubeherd.core.model.JobResult;
import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.core.port.JobExecutor;
import dev.kubeherd.core.port.LogSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * P3 profiling: the {@link ProcessJobExecutor} alone, without worker, script or stores: N jobs
 * {@code true} (no mounts) started back to back into a discarding sink, timed until the last one
 * completes. The ceiling the whole stack could reach with free bookkeeping.
 */
public final class ExecutorOnly {
  private ExecutorOnly() {}

  /**
   * {@code java -cp kubeherd-bench.jar dev.kubeherd.bench.ExecutorOnly [jobs] [runs]}, cap from
   * {@code -Dkubeherd.bench.maxJobs}, work directory under {@code -Dkubeherd.bench.tmp}.
   */
  public static void main(String[] args) {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    run(Math.min(jobs, 100)); // warm-up
    for (int i = 0; i < runs; i++) {
      Run r = run(jobs);
      System.out.printf(
          "%d jobs: %.2f s wall, %.0f jobs/s, JVM CPU %.2f s, children CPU %.2f s%n",
          jobs, r.wallS(), jobs / r.wallS(), r.jvmCpuS(), r.childCpuS());
    }
  }

  /** Wall and CPU seconds of one run (CPU: this JVM, and its reaped children). */
  record Run(double wallS, double jvmCpuS, double childCpuS) {}

  /** {@code jobs} jobs on a fresh executor (default cap) in a temp work dir. */
  static Run run(int jobs) {
    Path work;
    try {
      String base = System.getProperty("kubeherd.bench.tmp", System.getProperty("java.io.tmpdir"));
      work = Files.createTempDirectory(Path.of(base), "kubeherd-exec-only-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      int cap = Integer.getInteger("kubeherd.bench.maxJobs", 0);
      JobExecutor exec = cap > 0 ? new ProcessJobExecutor(work, cap) : new ProcessJobExecutor(work);
      String build = "executor-only-" + System.nanoTime();
      List<CompletableFuture<JobResult>> done = new ArrayList<>(jobs);
      long[] cpu0 = GroupThroughput.cpuTicks();
      long t0 = System.nanoTime();
      for (int i = 0; i < jobs; i++) {
        JobSpec spec =
            new JobSpec(
                build,
                "bench",
                "j" + i,
                "",
                false,
                "/bin/sh",
                List.of("true"),
                List.of(),
                Map.of(),
                "/src",
                Duration.ofMinutes(15),
                false,
                List.of());
        done.add(exec.start(spec, DISCARD).completion().toCompletableFuture());
      }
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
      double s = (System.nanoTime() - t0) / 1e9;
      long[] cpu1 = GroupThroughput.cpuTicks();
      long failed = done.stream().filter(f -> !f.join().succeeded()).count();
      if (failed > 0) {
        throw new IllegalStateException(failed + " executor-only jobs failed");
      }
      return new Run(
          s,
          (cpu1[0] - cpu0[0]) / (double) GroupThroughput.CLK_TCK,
          (cpu1[1] - cpu0[1]) / (double) GroupThroughput.CLK_TCK);
    } finally {
      LocalStack.deleteTree(work);
    }
  }

  private static final LogSink DISCARD =
      new LogSink() {
        @Override
        public void write(String text) {}

        @Override
        public void close() {}
      };
}
