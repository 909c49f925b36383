package dev.kubeherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.CliHarness.Result;
import dev.kubeherd.core.local.exec.WorkDir;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.core.port.JobExecutor.JobHandle;
import dev.kubeherd.core.port.LogSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repro of a killed {@code brig run --local}: its build stays Running, claimed by a process
 * that is gone, while its job, a real process group, keeps running. {@code brig build cancel} and
 * {@code kubeherd serve --local --once}, through the real local composition root, kill that job.
 */
class OrphanedJobsCommandTest {
  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private static final LogSink NO_LOG =
      new LogSink() {
        @Override
        public void write(String text) {}

        @Override
        public void close() {}
      };

  @TempDir Path dir;
  private CliHarness cli;
  private Path jobs;
  private JobHandle job;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir.resolve("home")).useLocalApp();
    jobs = dir.resolve("jobs");
    cli.env.put("KUBEHERD_JOB_DIR", jobs.toString());
  }

  @AfterEach
  void stopJob() {
    if (job != null) {
      job.cancel();
    }
  }

  @Test
  void cancellingTheBuildOfAKilledBrigKillsTheJobItLeftRunning() throws Exception {
    Build build = claimedByAKilledBrig();
    ProcessHandle shell = startSleepingJob(build);

    Result r = cli.brig("build", "cancel", build.id());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Build " + build.id() + " cancelled.");
    assertThat(shell.onExit()).succeedsWithin(PATIENCE);
  }

  @Test
  void aLocalServerFailingTheBuildOfAKilledBrigKillsTheJobItLeftRunning() throws Exception {
    Build build = claimedByAKilledBrig();
    ProcessHandle shell = startSleepingJob(build);

    Result r = cli.kubeherd("serve", "--local", "--once");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("failed builds " + build.id());
    assertThat(shell.onExit()).succeedsWithin(PATIENCE);
  }

  private Build claimedByAKilledBrig() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    assertThat(ended.waitFor(10, TimeUnit.SECONDS)).isTrue();
    Build build = cli.builds.create(BuildRequest.of("brigade-p", "exec", "brigade-cli"));
    assertThat(cli.builds.claim(build.id(), "brig-" + ended.pid())).isTrue();
    return build;
  }

  /** Runs job {@code sleeper} of {@code build} as brig would; returns its shell once recorded. */
  private ProcessHandle startSleepingJob(Build build) throws Exception {
    Path pidFile = dir.resolve("pid");
    JobSpec spec =
        new JobSpec(
            build.id(),
            "brigade-p",
            "sleeper",
            "",
            false,
            "/bin/sh",
            List.of("echo $$ > " + pidFile, "sleep 60"),
            List.of(),
            Map.of(),
            "/src",
            Duration.ofSeconds(120),
            false,
            List.of());
    job = JobRuntime.PROCESS.executor(WorkDir.chosen(jobs)).start(spec, NO_LOG);
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!(recorded() && Files.exists(pidFile) && Files.size(pidFile) > 0)) {
      assertThat(System.nanoTime()).as("job recorded and started").isLessThan(deadline);
      Thread.sleep(20);
    }
    return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).orElseThrow();
  }

  private boolean recorded() throws Exception {
    if (!Files.isDirectory(jobs)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(jobs)) {
      return entries.anyMatch(d -> Files.exists(d.resolve("job-group"))); // JobGroup.FILE
    }
  }
}
