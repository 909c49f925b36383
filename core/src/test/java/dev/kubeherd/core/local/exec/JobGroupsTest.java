package dev.kubeherd.core.local.exec;

import static dev.kubeherd.core.local.exec.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.JobResult;
import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.core.port.JobExecutor.JobHandle;
import dev.kubeherd.core.service.PidNamespace;
import dev.kubeherd.core.service.ProcessStartTicks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real jobs and real process groups: nothing of the OS is faked. */
class JobGroupsTest {
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  @TempDir Path tmp;
  private Path work;
  private ProcessJobExecutor executor;
  private JobGroups groups;

  @BeforeEach
  void setUp() {
    work = tmp.resolve("work");
    executor = new ProcessJobExecutor(work);
    groups = new JobGroups(WorkDir.chosen(work));
  }

  @Test
  void aJobLeftRunningIsKilledWithItsWholeProcessGroupAndItsDirectoryRemoved() throws Exception {
    JobSpec spec = job("sleeper").tasks("sleep 60 &", "sleep 60").build();
    JobHandle handle = executor.start(spec, new RecordingSink());
    JobGroup group = awaitRecorded(spec);
    ProcessHandle leader = ProcessHandle.of(group.pgid()).orElseThrow();
    List<ProcessHandle> sleeps = awaitChildren(leader, 2);

    int stopped = groups.stopJobsOf(spec.buildId());

    assertThat(stopped).isEqualTo(1);
    assertThat(leader.onExit()).succeedsWithin(PATIENCE);
    for (ProcessHandle sleep : sleeps) {
      assertThat(sleep.onExit()).succeedsWithin(PATIENCE);
    }
    assertThat(handle.completion().toCompletableFuture())
        .succeedsWithin(PATIENCE)
        .extracting(JobResult::succeeded)
        .isEqualTo(false);
    assertThat(jobDirs()).isEmpty();
  }

  @Test
  void whatAJobLeftRunningAfterItsScriptEndedIsKilledByTheJobsMark() throws Exception {
    Path pidFile = tmp.resolve("background.pid");
    Process leader = leaderThatLeaves("sleep 60 &", "b6", "leftover", pidFile);
    long ticks = ProcessStartTicks.of(leader.pid()).orElseThrow();
    long namespace = PidNamespace.ofThisProcess().orElseThrow();
    Path dir = recordByHand(new JobGroup(leader.pid(), ticks, namespace, "b6", "leftover"));
    assertThat(leader.waitFor(10, TimeUnit.SECONDS)).as("the job's script ended").isTrue();
    ProcessHandle background = awaitPid(pidFile);

    int stopped = groups.stopJobsOf("b6");

    assertThat(stopped).isEqualTo(1);
    assertThat(background.onExit()).succeedsWithin(PATIENCE);
    assertThat(dir).doesNotExist();
  }

  @Test
  void aProcessWithoutTheJobsMarkIsLeftAloneWhenTheJobsScriptHasEnded() throws Exception {
    Path pidFile = tmp.resolve("unmarked.pid");
    Process leader =
        leaderThatLeaves("env -u " + JobGroups.MARKER + " sleep 60 &", "b7", "unmarked", pidFile);
    long ticks = ProcessStartTicks.of(leader.pid()).orElseThrow();
    long namespace = PidNamespace.ofThisProcess().orElseThrow();
    recordByHand(new JobGroup(leader.pid(), ticks, namespace, "b7", "unmarked"));
    assertThat(leader.waitFor(10, TimeUnit.SECONDS)).isTrue();
    ProcessHandle unmarked = awaitPid(pidFile);
    try {
      int stopped = groups.stopJobsOf("b7");

      assertThat(stopped).isZero();
      assertThat(unmarked.onExit()).isNotDone();
    } finally {
      unmarked.destroyForcibly();
    }
  }

  /**
   * A job's first process as the executor starts it (own session, marked with its directory's
   * name), which starts {@code background}, writes its pid to {@code pidFile} and soon ends.
   */
  private static Process leaderThatLeaves(String background, String build, String job, Path pidFile)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
            "setsid",
            "sh",
            "-c",
            background + " echo $! > \"" + pidFile + "\"; sleep 0.5",
            "leader");
    builder.environment().put(JobGroups.MARKER, job + "-" + build + "-1");
    return builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static ProcessHandle awaitPid(Path pidFile) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(pidFile) && !Files.readString(pidFile).isBlank()) {
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        return ProcessHandle.of(pid).orElseThrow();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no pid in " + pidFile);
  }

  @Test
  void aRecordedGroupWhoseLeaderStartedAtOtherTicksIsNotKilledAsItsPidWasReused() throws Exception {
    Process other = new ProcessBuilder("setsid", "sleep", "60").start();
    try {
      long ticks = ProcessStartTicks.of(other.pid()).orElseThrow();
      long namespace = PidNamespace.ofThisProcess().orElseThrow();
      Path dir = recordByHand(new JobGroup(other.pid(), ticks + 1, namespace, "b1", "reused"));

      int stopped = groups.stopJobsOf("b1");

      assertThat(stopped).isZero();
      assertThat(other.waitFor(500, TimeUnit.MILLISECONDS)).as("killed").isFalse();
      assertThat(dir).as("the stale job directory").doesNotExist();
    } finally {
      other.destroyForcibly();
    }
  }

  @Test
  void aGroupRecordedInAnotherPidNamespaceIsNeitherKilledNorRemoved() throws Exception {
    Process other = new ProcessBuilder("setsid", "sleep", "60").start();
    try {
      long ticks = ProcessStartTicks.of(other.pid()).orElseThrow();
      long namespace = PidNamespace.ofThisProcess().orElseThrow();
      Path dir = recordByHand(new JobGroup(other.pid(), ticks, namespace + 1, "b2", "elsewhere"));

      int stopped = groups.stopJobsOf("b2");

      assertThat(stopped).isZero();
      assertThat(other.waitFor(500, TimeUnit.MILLISECONDS)).as("killed").isFalse();
      assertThat(dir).exists();
    } finally {
      other.destroyForcibly();
    }
  }

  @Test
  void onlyTheGroupsOfTheGivenBuildAreKilled() throws Exception {
    Process other = new ProcessBuilder("setsid", "sleep", "60").start();
    try {
      long ticks = ProcessStartTicks.of(other.pid()).orElseThrow();
      long namespace = PidNamespace.ofThisProcess().orElseThrow();
      recordByHand(new JobGroup(other.pid(), ticks, namespace, "b3", "kept"));

      int stopped = groups.stopJobsOf("b30");

      assertThat(stopped).isZero();
      assertThat(other.waitFor(500, TimeUnit.MILLISECONDS)).as("killed").isFalse();
    } finally {
      other.destroyForcibly();
    }
  }

  @Test
  void aJobThatEndedNormallyLeavesNothingToStop() throws Exception {
    JobSpec spec = job("quick").tasks("echo done").build();
    JobResult result =
        executor
            .start(spec, new RecordingSink())
            .completion()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    assertThat(result.succeeded()).isTrue();

    assertThat(jobDirs()).isEmpty();
    assertThat(groups.stopJobsOf(spec.buildId())).isZero();
  }

  @Test
  void aRecordedRemovalRunsEvenWhenTheClientIsGoneAsAContainerOutlivesIt() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    assertThat(gone.waitFor()).isZero();
    long namespace = PidNamespace.ofThisProcess().orElseThrow();
    Path marker = tmp.resolve("removed");
    Path dir =
        recordByHand(
            new JobGroup(
                gone.pid(), 1, namespace, "b5", "boxed", List.of("touch", marker.toString())));

    int stopped = groups.stopJobsOf("b5");

    assertThat(stopped).isEqualTo(1);
    assertThat(marker).exists();
    assertThat(dir).doesNotExist();
  }

  @Test
  void aWorkDirectoryNoJobHasUsedHasNothingToStop() {
    assertThat(new JobGroups(WorkDir.chosen(tmp.resolve("never"))).stopJobsOf("b4")).isZero();
  }

  @Test
  void aRecordReadsBackAsWrittenAndNeverNamesTheGroupsKillCannotTarget() {
    JobGroup group = new JobGroup(4242, 123456, 4026531836L, "01ABC", "build-step");

    assertThat(JobGroup.parse(group.text())).contains(group);
    JobGroup boxed = new JobGroup(4242, 1, 2, "b", "j", List.of("podman", "rm", "-f", "j-b-1"));
    assertThat(JobGroup.parse(boxed.text())).contains(boxed);
    for (long pgid : new long[] {-1, 0, 1}) { // kill -- -1 would reach every process
      assertThat(JobGroup.parse(new JobGroup(pgid, 1, 2, "b", "j").text())).isEmpty();
    }
    assertThat(JobGroup.parse("pgid=4242\nticks=12\n")).isEmpty();
    assertThat(JobGroup.parse("pgid=x\nticks=1\npidns=2\nbuild=b\njob=j\n")).isEmpty();
  }

  private Path recordByHand(JobGroup group) throws IOException {
    Path dir = Files.createDirectories(work.resolve(group.job() + "-" + group.buildId() + "-1"));
    Files.writeString(dir.resolve(JobGroup.FILE), group.text());
    return dir;
  }

  private JobGroup awaitRecorded(JobSpec spec) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      for (Path dir : jobDirs()) {
        Path file = dir.resolve(JobGroup.FILE);
        Optional<JobGroup> group =
            Files.exists(file) ? JobGroup.parse(Files.readString(file)) : Optional.empty();
        if (group.isPresent() && group.get().buildId().equals(spec.buildId())) {
          return group.get();
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("job " + spec.podName() + " recorded no process group in " + work);
  }

  private static List<ProcessHandle> awaitChildren(ProcessHandle leader, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    List<ProcessHandle> children = List.of();
    while (children.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
      children = leader.descendants().toList();
    }
    assertThat(children).as("the job's sleeps").hasSize(count);
    return children;
  }

  private List<Path> jobDirs() throws IOException {
    if (!Files.isDirectory(work)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(work)) {
      return entries.filter(Files::isDirectory).toList();
    }
  }
}
