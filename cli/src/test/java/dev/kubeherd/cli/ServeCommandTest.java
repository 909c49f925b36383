package dev.kubeherd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.service.PidNamespace;
import dev.kubeherd.core.service.ProcessStartTicks;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {
  @TempDir Path dir;
  CliHarness cli;
  Path script;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir.resolve("home")).useLocalApp();
    cli.project("acme/app", "github.com/acme/app");
    script = dir.resolve("brigade.js");
    Files.writeString(
        script,
        """
        const { events, Job } = require("brigadier");
        events.on("exec", () => new Job("marker", "", ["echo job ran"]).run());
        """);
  }

  @Test
  void serveRunsBuildsCreatedInTheBackground() {
    var created = cli.brig("run", "acme/app", "-f", script.toString(), "-b");
    assertThat(created.exitCode()).isZero();
    var served = cli.kubeherd("serve", "--local", "--once");
    assertThat(served.exitCode()).as(served.err()).isZero();
    assertThat(served.out())
        .contains("build finished: Succeeded (Build ID: " + created.out().split("[ ,]")[1]);
    assertThat(cli.builds.list(Optional.empty()))
        .singleElement()
        .satisfies(b -> assertThat(b.status().phase()).isEqualTo(BuildPhase.SUCCEEDED));
  }

  @Test
  void aServerStartedAfterBrigRunNeverRunsThatBuildAgain() {
    var run = cli.brig("run", "acme/app", "-f", script.toString(), "--no-progress");
    assertThat(run.exitCode()).isZero();
    var served = cli.kubeherd("serve", "--local", "--once");
    assertThat(served.out()).doesNotContain("build finished");
    var build = cli.builds.list(Optional.empty()).getFirst();
    assertThat(build.status().worker()).startsWith("brig-");
    assertThat(cli.builds.jobs(build.id())).hasSize(1);
  }

  @Test
  void aStartingServerFailsTheRunningBuildOfABrigRunThatDiedSayingHowToRerunIt() throws Exception {
    var created = cli.brig("run", "acme/app", "-f", script.toString(), "-b");
    String id = created.out().split("[ ,]")[1];
    Process killed = new ProcessBuilder("true").start(); // stands in for a kill -9'd brig run
    assertThat(killed.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(cli.builds.claim(id, "brig-" + killed.pid())).isTrue();

    var served = cli.kubeherd("serve", "--local", "--once");

    assertThat(served.exitCode()).as(served.err()).isZero();
    assertThat(served.err()).contains("kubeherd serve: failed builds " + id + ":");
    BuildStatus status = cli.builds.find(id).orElseThrow().status();
    assertThat(status.phase()).isEqualTo(BuildPhase.FAILED);
    assertThat(status.message())
        .startsWith("claimed by brig-" + killed.pid())
        .endsWith("run it again with brig rerun " + id);
  }

  @Test
  void aStartingServerFailsTheBuildOfADeadBrigRunWhosePidAnotherProcessNowHas() {
    var created = cli.brig("run", "acme/app", "-f", script.toString(), "-b");
    String id = created.out().split("[ ,]")[1];
    long pid = ProcessHandle.current().pid(); // reused: the dead brig run started at other ticks
    String deadBrig =
        "brig-"
            + pid
            + "-"
            + (ProcessStartTicks.of(pid).orElseThrow() + 1)
            + "-"
            + PidNamespace.ofThisProcess().orElseThrow();
    assertThat(cli.builds.claim(id, deadBrig)).isTrue();

    var served = cli.kubeherd("serve", "--local", "--once");

    assertThat(served.exitCode()).as(served.err()).isZero();
    assertThat(served.err()).contains("kubeherd serve: failed builds " + id + ":");
    assertThat(cli.builds.find(id).orElseThrow().status().message())
        .startsWith("claimed by " + deadBrig + ",")
        .endsWith("run it again with brig rerun " + id);
  }

  @Test
  void theServerClaimsBuildsUnderItsPidStartTicksAndPidNamespace() {
    cli.brig("run", "acme/app", "-f", script.toString(), "-b");
    long pid = ProcessHandle.current().pid();
    String name =
        "kubeherd-serve-"
            + pid
            + "-"
            + ProcessStartTicks.of(pid).orElseThrow()
            + "-"
            + PidNamespace.ofThisProcess().orElseThrow();

    var served = cli.kubeherd("serve", "--local", "--once");

    assertThat(served.out()).contains("Serving builds from the local store as " + name + " (");
    assertThat(cli.builds.list(Optional.empty()).getFirst().status().worker()).isEqualTo(name);
  }

  @Test
  void aRunningServerFailsTheBuildOfABrigRunKilledAfterItStartedSayingHowToRerunIt()
      throws Exception {
    var created = cli.brig("run", "acme/app", "-f", script.toString(), "-b");
    String id = created.out().split("[ ,]")[1];
    Process brigRun = new ProcessBuilder("sleep", "120").start(); // alive while the server starts
    var brigsStore = new DirectoryBuildStore(new LocalHome(cli.home), Clock.systemUTC());
    assertThat(brigsStore.claim(id, "brig-" + brigRun.pid()))
        .as("claimed now, as brig would")
        .isTrue();
    StringWriter err = new StringWriter();
    CommandLine server = cli.app().kubeherd();
    server.setOut(new PrintWriter(new StringWriter(), true));
    server.setErr(new PrintWriter(err, true));
    Thread serving =
        Thread.ofPlatform()
            .start(
                () ->
                    server.execute(
                        "serve", "--local", "--poll", "PT0.05S", "--orphan-check", "PT0.2S"));
    try {
      Thread.sleep(600); // several checks while the claimant lives: the build is left alone
      assertThat(cli.builds.find(id).orElseThrow().status().phase()).isEqualTo(BuildPhase.RUNNING);

      brigRun.destroyForcibly(); // kill -9
      assertThat(brigRun.waitFor(10, TimeUnit.SECONDS)).isTrue();

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> cli.builds.find(id).orElseThrow().status().phase() == BuildPhase.FAILED);
    } finally {
      brigRun.destroyForcibly();
      serving.interrupt();
      serving.join(20_000);
    }
    assertThat(cli.builds.find(id).orElseThrow().status().message())
        .startsWith("claimed by brig-" + brigRun.pid())
        .endsWith("run it again with brig rerun " + id);
    assertThat(err.toString()).contains("kubeherd serve: failed builds " + id + ":");
  }

  @Test
  void theFinishedLineNamesTheBuildAndTheReasonWithoutATrailingSpace() {
    var ok = BuildStatus.pending().finished(true, 0, Instant.EPOCH, "");
    var failed = BuildStatus.pending().finished(false, 1, Instant.EPOCH, "boom");
    assertThat(ServeCommand.finishedLine("01abc", ok, null))
        .isEqualTo("build finished: Succeeded (Build ID: 01abc)");
    assertThat(ServeCommand.finishedLine("01abc", failed, null))
        .isEqualTo("build finished: Failed (Build ID: 01abc): boom");
  }

  @Test
  void aBuildEndedByAStoppedServerSaysHowToRerunIt() {
    assertThat(ServeCommand.stoppedMessage("kubeherd-serve-7", "01abc"))
        .endsWith("run it again with brig rerun 01abc")
        .doesNotContain("<build ID>");
  }

  @Test
  void serveNeedsLocalMode() {
    cli.useLocalApp().env.remove("KUBEHERD_MODE");
    var served = cli.kubeherd("serve", "--once");
    assertThat(served.exitCode()).isEqualTo(1);
    assertThat(served.err()).contains("pass --local");
  }
}
