package dev.kubeherd.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.local.exec.JobGroups;
import dev.kubeherd.core.local.exec.ProcessJobExecutor;
import dev.kubeherd.core.local.exec.WorkDir;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.core.port.JobExecutor.JobHandle;
import dev.kubeherd.core.port.LogSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
 * The jobs a dead claimant left running, end to end: a real job of a real build, claimed under the
 * name of a process that has ended, is killed when the build is failed as an orphan or cancelled.
 */
class OrphanedBuildsJobsTest {
  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private static final String RECORD = "job-group"; // JobGroup.FILE
  private static final LogSink NO_LOG =
      new LogSink() {
        @Override
        public void write(String text) {}

        @Override
        public void close() {}
      };

  @TempDir Path tmp;
  private DirectoryBuildStore store;
  private Path work;
  private JobGroups jobGroups;
  private JobHandle job;

  @BeforeEach
  void setUp() {
    store = new DirectoryBuildStore(new LocalHome(tmp.resolve("home")), Clock.systemUTC());
    work = tmp.resolve("jobs");
    jobGroups = new JobGroups(WorkDir.chosen(work));
  }

  @AfterEach
  void stopJob() {
    if (job != null) {
      job.cancel();
    }
  }

  @Test
  void failingTheBuildOfADeadClaimantKillsTheJobItLeftRunning() throws Exception {
    Build build = claimedByADeadBrig();
    ProcessHandle shell = startSleepingJob(build);

    var failed = new OrphanedBuilds(store, Clock.systemUTC(), jobGroups).failThoseOfDeadClaimants();

    assertThat(failed).containsExactly(build.id());
    assertThat(shell.onExit()).succeedsWithin(PATIENCE);
  }

  @Test
  void cancellingABuildWhoseClaimantIsGoneKillsTheJobItLeftRunning() throws Exception {
    Build build = claimedByADeadBrig();
    ProcessHandle shell = startSleepingJob(build);

    var result = new BuildCancel(store, Clock.systemUTC(), jobGroups).cancel(build.id(), "me", "x");

    assertThat(result.outcome()).isEqualTo(BuildCancel.Outcome.CANCELLED);
    assertThat(shell.onExit()).succeedsWithin(PATIENCE);
  }

  @Test
  void cancellingABuildWhoseClaimantIsAliveLeavesItsJobsToThatClaimant() throws Exception {
    Build build = store.create(BuildRequest.of("brigade-p", "exec", "brigade-cli"));
    assertThat(store.claim(build.id(), OrphanedBuilds.localClaimant("brig"))).isTrue();
    ProcessHandle shell = startSleepingJob(build);

    new BuildCancel(store, Clock.systemUTC(), jobGroups).cancel(build.id(), "me", "x");

    assertThat(shell.onExit()).failsWithin(Duration.ofMillis(500));
  }

  private Build claimedByADeadBrig() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    assertThat(ended.waitFor(10, TimeUnit.SECONDS)).isTrue();
    Build build = store.create(BuildRequest.of("brigade-p", "exec", "brigade-cli"));
    assertThat(store.claim(build.id(), "brig-" + ended.pid())).isTrue();
    return build;
  }

  /** Starts job {@code sleeper} of {@code build}; returns its shell once its group is recorded. */
  private ProcessHandle startSleepingJob(Build build) throws Exception {
    Path pidFile = tmp.resolve("pid");
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
    job = new ProcessJobExecutor(work).start(spec, NO_LOG);
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!(recorded() && Files.exists(pidFile) && Files.size(pidFile) > 0)) {
      assertThat(System.nanoTime()).as("job recorded and started").isLessThan(deadline);
      Thread.sleep(20);
    }
    long pid = Long.parseLong(Files.readString(pidFile).trim());
    return ProcessHandle.of(pid).orElseThrow();
  }

  private boolean recorded() throws Exception {
    if (!Files.isDirectory(work)) {
      return false;
    }
    try (Stream<Path> dirs = Files.list(work)) {
      return dirs.anyMatch(dir -> Files.exists(dir.resolve(RECORD)));
    }
  }
}
