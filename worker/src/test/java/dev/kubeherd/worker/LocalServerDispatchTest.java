package dev.kubeherd.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.service.PendingBuildDispatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class LocalServerDispatchTest extends WorkerTest {
  static final String SCRIPT =
      """
      const { events, Job } = require("brigadier");
      events.on("exec", () => new Job("once", "", ["echo ran"]).run());
      """;

  @Test
  void aServerStartedAfterBrigRunNeverRunsThatBuildAgain() {
    var run = harness.run(SCRIPT);
    assertThat(run.succeeded()).isTrue();
    var server = dispatcher("server-1");
    assertThat(server.dispatchPending()).isEmpty();
    assertThat(harness.builds.find(run.buildId()).orElseThrow().status().worker())
        .isEqualTo("test");
    assertThat(run.jobs()).hasSize(1);
  }

  @Test
  void twoServersRacingRunEachPendingBuildExactlyOnce() {
    harness.run("// create the project");
    List<Build> pending = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      pending.add(
          harness.builds.create(
              BuildRequest.of(harness.projectId(), "exec", "cli").withScript(SCRIPT)));
    }
    var a = dispatcher("server-a");
    var b = dispatcher("server-b");
    var fromA = CompletableFuture.supplyAsync(a::dispatchPending);
    var fromB = CompletableFuture.supplyAsync(b::dispatchPending);
    List<CompletionStage<BuildStatus>> launched = new ArrayList<>(fromA.join());
    launched.addAll(fromB.join());
    launched.forEach(s -> s.toCompletableFuture().join());
    assertThat(launched).hasSize(6);
    for (Build build : pending) {
      Build done = harness.builds.find(build.id()).orElseThrow();
      assertThat(done.status().phase()).isEqualTo(BuildPhase.SUCCEEDED);
      assertThat(harness.builds.jobs(build.id())).hasSize(1);
    }
    assertThat(harness.builds.list(Optional.empty()))
        .noneMatch(x -> x.status().phase() == BuildPhase.PENDING);
  }

  private PendingBuildDispatcher dispatcher(String name) {
    return new PendingBuildDispatcher(
        harness.builds, new InProcessWorkerLauncher(harness.worker), name, 8);
  }
}
