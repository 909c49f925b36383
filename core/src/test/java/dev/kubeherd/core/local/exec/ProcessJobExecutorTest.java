package dev.kubeherd.core.local.exec;

import static dev.kubeherd.core.local.exec.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.JobResult;
import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.core.port.JobExecutor.JobHandle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProcessJobExecutorTest {
  @TempDir Path tmp;
  private Path work;
  private ProcessJobExecutor executor;
  private final RecordingSink sink = new RecordingSink();

  @BeforeEach
  void setUp() {
    work = tmp.resolve("work");
    executor = new ProcessJobExecutor(work);
  }

  @Test
  void streamsOutputWhileRunningAndKeepsItForTheResult() throws Exception {
    Path go = tmp.resolve("go");
    JobSpec spec =
        job("stream")
            .env("GO", go.toString())
            .tasks("echo one", "while [ ! -e \"$GO\" ]; do sleep 0.02; done", "echo two >&2")
            .build();
    JobHandle handle = executor.start(spec, sink);
    sink.awaitText("one\n", Duration.ofSeconds(10));
    Files.createFile(go);

    JobResult result = await(handle);
    assertThat(result).isEqualTo(JobResult.success(spec.podName(), "one\ntwo\n"));
    assertThat(sink.writes()).containsExactly("one\n", "two\n");
  }

  @Test
  void keepsALastLineWithoutNewline() throws Exception {
    JobResult result = run(job("partial").tasks("printf 'a\\nb'"));
    assertThat(result.log()).isEqualTo("a\nb");
    assertThat(sink.text()).isEqualTo("a\nb");
  }

  @Test
  void stopsAtTheFirstFailingTaskWithTheV1Failure() throws Exception {
    JobSpec spec = job("fails").tasks("echo a", "false", "echo b").build();
    JobResult result = await(executor.start(spec, sink));
    assertThat(result.phase()).isEqualTo(BuildPhase.FAILED);
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.log()).isEqualTo("a\n");
    assertThat(result.failure())
        .isEqualTo("Error: Pod " + spec.podName() + " failed to run to completion");
  }

  @Test
  void givesTheJobItsEnvironmentAndLittleElse() throws Exception {
    JobResult result =
        run(
            job("env")
                .env("GREETING", "hello 'there'")
                .tasks("echo \"$GREETING\"", "echo \"${JAVA_HOME:-no java home}\"", "pwd"));
    assertThat(result.log()).startsWith("hello 'there'\nno java home\n" + work);
  }

  @Test
  void marksTheJobsProcessesWithItsDirectorysNameSoTheyCanBeFoundLater() throws Exception {
    JobResult result = run(job("marked").tasks("echo \"$" + JobGroups.MARKER + "\"", "pwd"));

    String[] lines = result.log().split("\n");
    assertThat(lines[0])
        .startsWith("marked-")
        .isEqualTo(Path.of(lines[1]).getFileName().toString());
  }

  @Test
  void passesArgsToTheScript() throws Exception {
    JobResult result = run(job("args").tasks("echo \"$# $1 $2\"").args("x y", "z"));
    assertThat(result.log()).isEqualTo("2 x y z\n");
  }

  @Test
  void bashShellFailsOnAFailingPipeline() throws Exception {
    JobResult bash = run(job("bash").shell("/bin/bash").tasks("false | true", "echo after"));
    JobResult sh = run(job("sh").tasks("false | true", "echo after"));
    assertThat(bash.succeeded()).isFalse();
    assertThat(bash.log()).isEmpty();
    assertThat(sh)
        .extracting(JobResult::succeeded, JobResult::log)
        .containsExactly(true, "after\n");
  }

  @Test
  void timeoutKillsTheWholeProcessTree() throws Exception {
    Path pid = tmp.resolve("pid");
    JobSpec spec =
        job("slow")
            .env("PIDFILE", pid.toString())
            .timeout(Duration.ofMillis(500))
            .tasks(
                "(sleep 100 & echo $! > \"$PIDFILE\")", // orphaned: only the group kill reaches it
                "echo started",
                "sleep 100")
            .build();
    JobResult result = await(executor.start(spec, sink));
    assertThat(result.failure()).isEqualTo("Error: time limit (500 ms) exceeded");
    assertThat(result.log()).isEqualTo("started\n");
    assertGone(Long.parseLong(Files.readString(pid).strip()));
  }

  /** Whether or not the child still holds the job's output, it ends with the job, at once. */
  @ParameterizedTest
  @ValueSource(strings = {"sleep 100 &", "sleep 100 >/dev/null 2>&1 &"})
  void killsBackgroundChildrenWhenTheJobEnds(String background) throws Exception {
    Path pid = tmp.resolve("pid");
    Jobs spec =
        job("leaves").env("PIDFILE", pid.toString()).tasks(background, "echo $! > \"$PIDFILE\"");
    long started = System.nanoTime();
    JobResult result = run(spec);
    assertThat(result.succeeded()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    assertGone(Long.parseLong(Files.readString(pid).strip()));
  }

  @Test
  void cancelKillsTheJobAndFailsIt() throws Exception {
    JobSpec spec = job("cancelled").tasks("echo started", "sleep 100").build();
    JobHandle handle = executor.start(spec, sink);
    sink.awaitText("started\n", Duration.ofSeconds(10));
    handle.cancel();
    handle.cancel();
    JobResult result = await(handle);
    assertThat(result.phase()).isEqualTo(BuildPhase.FAILED);
    assertThat(result.log()).isEqualTo("started\n");
    assertThat(result.failure()).contains("failed to run to completion");
  }

  @Test
  void cancelOfAQueuedJobFailsItWithoutRunningIt() throws Exception {
    ProcessJobExecutor single = new ProcessJobExecutor(work, 1);
    Path marker = tmp.resolve("ran");
    JobHandle running = single.start(job("first").tasks("echo started", "sleep 100").build(), sink);
    sink.awaitText("started\n", Duration.ofSeconds(10));
    JobHandle queued =
        single.start(job("second").tasks("touch " + marker).build(), new RecordingSink());
    queued.cancel();
    assertThat(await(queued).succeeded()).isFalse();
    running.cancel();
    assertThat(await(running).succeeded()).isFalse();
    assertThat(marker).doesNotExist();
  }

  @Test
  void succeedsWithAnEmptyLogWhenThereIsNothingToRun() throws Exception {
    JobSpec spec = job("empty").build();
    assertThat(await(executor.start(spec, sink))).isEqualTo(JobResult.success(spec.podName(), ""));
  }

  @Test
  void runsArgsAsTheCommandWhenThereAreNoTasks() throws Exception {
    assertThat(run(job("entrypoint").args("echo", "from args")).log()).isEqualTo("from args\n");
  }

  @Test
  void failsWithAnExplanationWhenTheShellIsMissing() throws Exception {
    JobResult result = run(job("noshell").shell("/bin/no-such-shell").tasks("echo hi"));
    assertThat(result.succeeded()).isFalse();
    assertThat(result.log()).contains("/bin/no-such-shell is not installed").endsWith("\n");
    assertThat(sink.text()).isEqualTo(result.log());
  }

  @Test
  void runsNoMoreJobsAtOnceThanItsCap() throws Exception {
    ProcessJobExecutor capped = new ProcessJobExecutor(work, 2);
    Path running = Files.createDirectory(tmp.resolve("running"));
    Path done = Files.createDirectory(tmp.resolve("done"));
    Path seen = tmp.resolve("seen");
    // each job counts the running ones until it sees a second one or is the last one left
    String count = "n=$(ls \"$RUNNING\" | wc -l)";
    List<JobHandle> handles = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      JobSpec spec =
          job("capped" + i)
              .env("RUNNING", running.toString())
              .env("DONE", done.toString())
              .env("SEEN", seen.toString())
              .tasks(
                  "touch \"$RUNNING/$$\"",
                  count,
                  "while [ $n -lt 2 ] && [ $(ls \"$DONE\" | wc -l) -lt 3 ]; do sleep 0.02; "
                      + count
                      + "; done",
                  "echo $n >> \"$SEEN\"",
                  "rm \"$RUNNING/$$\"",
                  "touch \"$DONE/$$\"")
              .build();
      handles.add(capped.start(spec, new RecordingSink()));
    }
    for (JobHandle handle : handles) {
      assertThat(await(handle).succeeded()).isTrue();
    }
    assertThat(Files.readAllLines(seen)).hasSize(4).allMatch(n -> n.matches("[12]")).contains("2");
  }

  private JobResult run(Jobs job) throws Exception {
    return await(executor.start(job.build(), sink));
  }

  static JobResult await(JobHandle handle) throws Exception {
    return handle.completion().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Fails unless process {@code pid} is gone (or a zombie) within a few seconds. */
  static void assertGone(long pid) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (alive(pid)) {
      assertThat(System.nanoTime()).as("process %d still alive", pid).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static boolean alive(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException e) {
      return false;
    }
  }
}
