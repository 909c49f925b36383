package dev.kubeherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.CliHarness.Result;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.port.LogStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** brig run through the local composition root: directory stores and the in-process worker. */
class RunWithWorkerTest {
  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir.resolve("home")).useLocalApp();
    cli.project("examples/hello", "github.com/examples/hello");
  }

  @Test
  void succeedingScriptExitsZeroWithItsLogPrinted() throws IOException {
    Path script =
        script(
            """
            const { events } = require("brigadier");
            events.on("exec", async (e, p) => { console.log("hello from " + e.type); });
            """);

    Result r = cli.brig("run", "examples/hello", "-f", script.toString());

    Build b = onlyBuild();
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("Event created. Waiting for worker pod named \"" + b.workerName() + "\".\n")
        .contains("Build: " + b.id() + ", Worker: " + b.workerName() + "\n")
        .contains("hello from exec\n");
    assertThat(b.status().phase()).isEqualTo(BuildPhase.SUCCEEDED);
    assertThat(r.out()).endsWith(cli.logs.read(b.id(), LogStore.WORKER));
  }

  @Test
  void failingScriptExitsTwo() throws IOException {
    Path script =
        script(
            """
            const { events } = require("brigadier");
            events.on("exec", async () => { throw new Error("no way"); });
            """);

    Result r = cli.brig("run", "examples/hello", "-f", script.toString());

    Build b = onlyBuild();
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("Error: no way\nbuild failed. (Build ID: " + b.id() + ")\n");
    assertThat(r.out()).contains("no way");
    assertThat(b.status().phase()).isEqualTo(BuildPhase.FAILED);

    Result logs = cli.brig("build", "logs", "--last");
    assertThat(logs.out()).contains("no way");
  }

  @Test
  void jobsRunAsProcessesWithPhaseLinesCollapsedAndLogsKept() throws IOException {
    Path script =
        script(
            """
            const { events, Job } = require("brigadier");
            events.on("exec", async () => {
              const r = await new Job("greet", "alpine:3", ["echo hi from the job"]).run();
              console.log("job said: " + r.toString().trim());
            });
            """);

    Result r = cli.brig("run", "examples/hello", "-f", script.toString());

    Build b = onlyBuild();
    String pod = "greet-" + b.id();
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("job said: hi from the job\n")
        .contains("/" + pod + " phase Succeeded ....\b\b\b\bdone\n");
    Result logs = cli.brig("build", "logs", b.id(), "--jobs");
    assertThat(logs.out()).contains("\n==========[  " + pod + "  ]==========\nhi from the job\n");
  }

  private Path script(String text) throws IOException {
    return Files.writeString(dir.resolve("brigade.js"), text);
  }

  private Build onlyBuild() {
    List<Build> all = cli.builds.list(Optional.empty());
    assertThat(all).hasSize(1);
    return all.get(0);
  }
}
