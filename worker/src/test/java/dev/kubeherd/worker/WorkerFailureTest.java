package dev.kubeherd.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.local.exec.ProcessJobExecutor;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.port.LogSink;
import dev.kubeherd.core.port.LogStore;
import dev.kubeherd.worker.run.BuildWorker;
import dev.kubeherd.worker.run.LocalWorkspaces;
import dev.kubeherd.worker.run.WorkspaceProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A worker that fails for reasons of its own (disk, logs) still ends its build with the reason. */
class WorkerFailureTest extends WorkerTest {
  private BuildWorker worker(LogStore logs, WorkspaceProvider workspaces) {
    return new BuildWorker(
        harness.projects,
        harness.builds,
        logs,
        new ProcessJobExecutor(dir.resolve("jobs")),
        workspaces,
        Clock.systemUTC());
  }

  @Test
  void aWorkspaceThatCannotBeMadeFailsTheBuildWithTheReasonInsteadOfLeavingItRunning() {
    harness.worker =
        worker(
            harness.logs,
            (build, withCheckout) -> {
              throw new UncheckedIOException(
                  "creating the workspace of " + build.id(),
                  new IOException("No space left on device"));
            });

    WorkerHarness.Run run = harness.run("console.log('never')");

    assertThat(run.status().phase()).isEqualTo(BuildPhase.FAILED);
    assertThat(run.status().message()).contains("creating the workspace of " + run.buildId());
    assertThat(harness.builds.find(run.buildId()).orElseThrow().status().phase())
        .isEqualTo(BuildPhase.FAILED);
    assertThat(run.log()).contains("[brigade] worker failed: creating the workspace");
  }

  @Test
  void aWorkerLogThatCannotBeOpenedStillEndsTheBuild() {
    LogStore broken =
        new LogStore() {
          @Override
          public LogSink open(String buildId, String source) {
            throw new UncheckedIOException(new IOException("Read-only file system"));
          }

          @Override
          public String read(String buildId, String source) {
            return harness.logs.read(buildId, source);
          }

          @Override
          public List<String> sources(String buildId) {
            return harness.logs.sources(buildId);
          }
        };
    harness.worker = worker(broken, new LocalWorkspaces(harness.home));

    WorkerHarness.Run run = harness.run("console.log('never')");

    assertThat(run.status().phase()).isEqualTo(BuildPhase.FAILED);
    assertThat(run.status().message()).contains("worker failed").contains("Read-only file system");
    assertThat(harness.builds.find(run.buildId()).orElseThrow().status().phase())
        .isEqualTo(BuildPhase.FAILED);
  }
}
