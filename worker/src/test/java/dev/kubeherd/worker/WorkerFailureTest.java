package dev.kubeherd.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.StoreUnavailableException;
import dev.kubeherd.core.local.exec.ProcessJobExecutor;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.port.LogSink;
import dev.kubeherd.core.port.LogStore;
import dev.kubeherd.core.port.ProjectStore;
import dev.kubeherd.worker.run.BuildWorker;
import dev.kubeherd.worker.run.LocalWorkspaces;
import dev.kubeherd.worker.run.WorkspaceProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
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

  /**
   * The project's secrets are what the build's logs and status are masked of: a project that could
   * not be read once must not be read again and run with nothing masked.
   */
  @Test
  void aProjectThatCannotBeReadFailsTheBuildInsteadOfRunningItUnmasked() {
    harness.with("secrets", "{\"token\":\"SuperSecretValue123\"}");
    AtomicInteger reads = new AtomicInteger();
    ProjectStore hiccup =
        new ProjectStore() {
          @Override
          public Optional<Project> find(String nameOrId) {
            if (reads.incrementAndGet() == 1) {
              throw new StoreUnavailableException("get Secret: the API server answered 503");
            }
            return harness.projects.find(nameOrId);
          }

          @Override
          public List<Project> list() {
            return harness.projects.list();
          }

          @Override
          public void create(Project project) {
            harness.projects.create(project);
          }

          @Override
          public void replace(Project project) {
            harness.projects.replace(project);
          }

          @Override
          public boolean delete(String id) {
            return harness.projects.delete(id);
          }
        };
    harness.worker =
        new BuildWorker(
            hiccup,
            harness.builds,
            harness.logs,
            new ProcessJobExecutor(dir.resolve("jobs")),
            new LocalWorkspaces(harness.home),
            Clock.systemUTC());

    WorkerHarness.Run run =
        harness.run(
            """
            const { events } = require("brigadier");
            events.on("exec", (e, p) => { console.log("ran with " + p.secrets.token); });
            """);

    assertThat(run.status().phase()).isEqualTo(BuildPhase.FAILED);
    assertThat(run.status().message()).contains("could not be read", "brig rerun " + run.buildId());
    assertThat(run.log()).doesNotContain("SuperSecretValue123").doesNotContain("ran with");
  }
}
