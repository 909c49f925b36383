package dev.kubeherd.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.port.LogStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A build ended from outside (brig build cancel) stops its jobs and keeps the cancel status. */
class CancelTest extends WorkerTest {

  @Test
  void cancellingARunningBuildKillsItsJobsRecordsThemFailedAndKeepsTheCancelStatus()
      throws Exception {
    Path started = dir.resolve("started");
    String script =
        "const { events, Job } = require('brigadier');\n"
            + "events.on('exec', async () => {\n"
            + "  const j = new Job('slow', 'alpine', ['touch "
            + started
            + "', 'sleep 3031']);\n"
            + "  await j.run();\n"
            + "});\n";
    Running running = runUntilStarted(script, started);
    Build build = running.build();
    CompletableFuture<BuildStatus> done = running.done();
    Instant cancelledAt = Instant.now();

    BuildStatus cancelled =
        harness
            .builds
            .find(build.id())
            .orElseThrow()
            .status()
            .finished(false, 130, cancelledAt, "cancelled with brig build cancel");
    harness.builds.updateStatus(build.id(), cancelled);

    BuildStatus end = done.get();
    assertThat(Duration.between(cancelledAt, Instant.now())).isLessThan(Duration.ofSeconds(10));
    assertThat(end.phase()).isEqualTo(BuildPhase.FAILED);
    assertThat(end.message()).isEqualTo("cancelled with brig build cancel");
    assertThat(harness.builds.find(build.id()).orElseThrow().status()).isEqualTo(cancelled);
    assertThat(harness.logs.read(build.id(), LogStore.WORKER))
        .contains("cancelled: cancelled with brig build cancel; stopping its jobs");
    assertThat(harness.builds.jobs(build.id()))
        .singleElement()
        .satisfies(
            job -> {
              assertThat(job.name()).isEqualTo("slow");
              assertThat(job.phase()).isEqualTo(BuildPhase.FAILED);
              assertThat(job.exitCode()).contains(130);
              assertThat(job.finishedAt()).isPresent();
            });
    assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse("")))
        .noneMatch(c -> c.contains("sleep 3031")); // a number no other test sleeps for
  }

  @Test
  void aCancelledBuildStartsNoMoreJobsNeitherFromItsHandlerNorFromAfter() throws Exception {
    Path started = dir.resolve("started");
    Path second = dir.resolve("second-ran");
    Path after = dir.resolve("after-ran");
    String script =
        "const { events, Job } = require('brigadier');\n"
            + "events.on('exec', async () => {\n"
            + "  try { await new Job('slow', 'alpine', ['touch "
            + started
            + "', 'sleep 30']).run(); } catch (e) {}\n"
            + "  await new Job('second', 'alpine', ['touch "
            + second
            + "']).run();\n"
            + "});\n"
            + "events.on('after', async () => {\n"
            + "  await new Job('notify', 'alpine', ['touch "
            + after
            + "']).run();\n"
            + "});\n";
    Running running = runUntilStarted(script, started);
    Build build = running.build();
    CompletableFuture<BuildStatus> done = running.done();

    harness.builds.updateStatus(
        build.id(),
        harness
            .builds
            .find(build.id())
            .orElseThrow()
            .status()
            .finished(false, 130, Instant.now(), "cancelled"));
    BuildStatus end = done.get();
    Thread.sleep(500); // time for a job that should not have started to leave its mark

    assertThat(end.phase()).isEqualTo(BuildPhase.FAILED);
    assertThat(second).as("a job started after the cancel").doesNotExist();
    assertThat(after).as("the after handler's job").doesNotExist();
    assertThat(harness.builds.jobs(build.id())).extracting(j -> j.name()).containsExactly("slow");
  }

  private record Running(Build build, CompletableFuture<BuildStatus> done) {}

  /** Runs {@code script}'s exec event on a worker thread until {@code started} appears. */
  private Running runUntilStarted(String script, Path started) throws InterruptedException {
    harness.run(BuildRequest.of(harness.projectId(), "noop", "t")); // saves the project
    Build build =
        harness.builds.create(
            BuildRequest.of(harness.projectId(), "exec", "brigade-cli").withScript(script));
    harness.builds.claim(build.id(), "test");
    var worker = harness.worker.withCancelPoll(Duration.ofMillis(100));
    Build claimed = harness.builds.find(build.id()).orElseThrow();
    CompletableFuture<BuildStatus> done = CompletableFuture.supplyAsync(() -> worker.run(claimed));
    Instant deadline = Instant.now().plusSeconds(20);
    while (!Files.exists(started) && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
    }
    assertThat(started).as("the job started").exists();
    return new Running(build, done);
  }
}
