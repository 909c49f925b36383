package dev.kubeherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.CliHarness.Result;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.port.OrphanedJobs;
import dev.kubeherd.core.service.PidNamespace;
import dev.kubeherd.core.service.ProcessStartTicks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** brig run with a scripted worker: flags, output lines, log following and exit codes. */
class RunCommandTest {
  static final String PHASE = "[brigade:k8s] default/j1-x phase ";

  @TempDir Path dir;
  CliHarness cli;
  ScriptedLauncher worker;
  Project project;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir.resolve("home"));
    worker = new ScriptedLauncher(cli.builds, cli.logs, cli.clock);
    cli.launcher = worker;
    project = cli.project("deis/empty-testbed", "github.com/deis/empty-testbed");
  }

  @Test
  void runsTheBuildAndPrintsTheWorkerLog() {
    worker.writes("[brigade] brigade-worker version: test", "hello");

    Result r = cli.brig("run", "deis/empty-testbed");

    Build b = onlyBuild();
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "Event created. Waiting for worker pod named \"brigade-worker-"
                + b.id()
                + "\".\n"
                + "Build: "
                + b.id()
                + ", Worker: brigade-worker-"
                + b.id()
                + "\n[brigade] brigade-worker version: test\nhello\n");
    assertThat(b.status().phase()).isEqualTo(BuildPhase.SUCCEEDED);
    assertThat(b.status().worker()).startsWith("brig-");
  }

  @Test
  void runsAProjectStoredUnderAnIdWithoutTheBrigadePrefixByThatId() {
    cli.projects.create(new Project("myproj", "myproj", "default", Map.of("repository", "x/y")));
    worker.writes("hello");

    Result r = cli.brig("run", "myproj");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(cli.builds.list(Optional.of("myproj"))).hasSize(1);
  }

  @Test
  void aRunClaimsTheBuildUnderItsPidStartTicksAndPidNamespaceSoAServerCanTellWhenItDied() {
    Result r = cli.brig("run", "deis/empty-testbed");

    assertThat(r.exitCode()).isZero();
    long pid = ProcessHandle.current().pid();
    assertThat(onlyBuild().status().worker())
        .isEqualTo(
            "brig-"
                + pid
                + "-"
                + ProcessStartTicks.of(pid).orElseThrow()
                + "-"
                + PidNamespace.ofThisProcess().orElseThrow());
  }

  @Test
  void aConfigThatIsNotJsonIsRefusedBeforeAnyBuildIsCreated() throws IOException {
    Path config = Files.writeString(dir.resolve("brigade.json"), "dependencies: [lodash]");

    Result r = cli.brig("exec", project.id(), "-b", "--config", config.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains("--config " + config + " is not JSON")
        .contains("fix the file or leave --config out");
    assertThat(cli.builds.list(Optional.empty())).isEmpty();
  }

  @Test
  void createsTheBuildFromTheFlags() throws IOException {
    Path script = Files.writeString(dir.resolve("brigade.js"), "console.log('hi')");
    Path config = Files.writeString(dir.resolve("brigade.json"), "{}");
    Path payload = Files.writeString(dir.resolve("payload.json"), "{\"a\":1}");

    Result r =
        cli.brig(
            "exec",
            project.id(),
            "-b",
            "-f",
            script.toString(),
            "--config",
            config.toString(),
            "-p",
            payload.toString(),
            "-e",
            "push",
            "-c",
            "abc123",
            "-r",
            "refs/heads/dev",
            "-l",
            "warn");

    assertThat(r.exitCode()).isZero();
    BuildRequest req = onlyBuild().request();
    assertThat(req.projectId()).isEqualTo(project.id());
    assertThat(req.provider()).isEqualTo("brigade-cli");
    assertThat(req.type()).isEqualTo("push");
    assertThat(req.script()).isEqualTo("console.log('hi')");
    assertThat(req.config()).isEqualTo("{}");
    assertThat(req.payload()).isEqualTo("{\"a\":1}");
    assertThat(req.revision().commit()).isEqualTo("abc123");
    assertThat(req.revision().ref()).isEqualTo("refs/heads/dev");
    assertThat(req.logLevel()).isEqualTo("warn");
  }

  @Test
  void aPayloadFileThatIsNotUtf8IsTakenWithReplacementCharactersAndAWarning() throws IOException {
    Path payload = Files.write(dir.resolve("payload.bin"), new byte[] {'{', (byte) 0xff, '}'});

    Result r = cli.brig("run", "-b", "-p", payload.toString(), "deis/empty-testbed");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(onlyBuild().request().payload()).isEqualTo("{\uFFFD}");
    assertThat(r.err())
        .isEqualTo(
            "Warning: the payload file "
                + payload
                + " is not UTF-8 text; its malformed bytes were replaced with U+FFFD, as a v1"
                + " worker's script saw them\n"
                + waitsForAServer(onlyBuild().id()));
  }

  @Test
  void backgroundCreatesAPendingBuildAndExits() {
    Result r = cli.brig("run", "-b", "-i", "inline", "deis/empty-testbed");

    Build b = onlyBuild();
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo("Build: " + b.id() + ", Worker: brigade-worker-" + b.id() + "\n");
    assertThat(b.status().phase()).isEqualTo(BuildPhase.PENDING);
    assertThat(b.request().type()).isEqualTo("exec");
    assertThat(b.request().revision().ref()).isEqualTo("master");
    assertThat(b.request().payload()).isEqualTo("inline");
    assertThat(b.request().logLevel()).isEqualTo("log");
  }

  @Test
  void backgroundInLocalModeSaysOnStderrThatALocalServerRunsTheBuild() {
    Result r = cli.brig("--local", "run", "-b", "deis/empty-testbed");

    Build b = onlyBuild();
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo("Build: " + b.id() + ", Worker: brigade-worker-" + b.id() + "\n");
    assertThat(r.err()).isEqualTo(waitsForAServer(b.id()));
  }

  @Test
  void backgroundWhereAControllerRunsTheBuildPrintsOnlyV1sLine() {
    Backend controllerRun =
        new Backend(
            cli.projects,
            cli.builds,
            cli.logs,
            Optional.empty(),
            Duration.ofMillis(50),
            b -> Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            OrphanedJobs.NONE);

    Result r =
        cli.brig(
            new BrigApp(controllerRun, cli.clock, Map.of()), "run", "-b", "deis/empty-testbed");

    Build b = onlyBuild();
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("Build: " + b.id() + ", Worker: brigade-worker-" + b.id() + "\n");
    assertThat(r.err()).isEmpty();
  }

  /** The stderr line of a local {@code -b}: nothing but a local server runs the build. */
  private static String waitsForAServer(String id) {
    return "Build "
        + id
        + " waits for a local server on this KUBEHERD_HOME: if none is running, start one with"
        + " `kubeherd server --local` (`--once` runs what is pending and exits), then `brig --local"
        + " build logs "
        + id
        + "`\n";
  }

  @Test
  void failedBuildExitsWithTwoAndPrintsWhyWithoutVerbose() {
    worker.writes("[brigade] error handler fired").fails();

    Result r = cli.brig("run", "deis/empty-testbed");

    Build b = onlyBuild();
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("boom\nbuild failed. (Build ID: " + b.id() + ")\n");
    assertThat(r.out()).endsWith("[brigade] error handler fired\n");
  }

  @Test
  void workerCrashFailsTheBuildAndExitsWithTwo() {
    worker.writes("starting").crashes(new IllegalStateException("engine exploded"));

    Result r = cli.brig("run", "deis/empty-testbed");

    Build b = onlyBuild();
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .as("the reason once, then the build ID")
        .isEqualTo(
            "the worker failed: engine exploded\nbuild failed. (Build ID: " + b.id() + ")\n");
    assertThat(b.status().phase()).isEqualTo(BuildPhase.FAILED);
    assertThat(b.status().message()).contains("engine exploded");
  }

  @Test
  void progressModeCollapsesRepeatedPhaseLines() {
    worker.writes(
        "a", PHASE + "Pending", PHASE + "Pending", PHASE + "Pending", PHASE + "Succeeded", "b");

    Result r = cli.brig("run", "deis/empty-testbed");

    assertThat(logLines(r))
        .containsExactly(
            "a",
            PHASE + "Pending ....\b\b\b\b=...\b\b\b\b.=..\b\b\b\bdone",
            PHASE + "Succeeded ....\b\b\b\bdone",
            "b");
  }

  @Test
  void noProgressPrintsPhaseLinesRaw() {
    worker.writes(PHASE + "Pending", PHASE + "Pending");

    Result r = cli.brig("run", "--no-progress", "deis/empty-testbed");

    assertThat(logLines(r)).containsExactly(PHASE + "Pending", PHASE + "Pending");
  }

  @Test
  void noColorStripsAnsiSequences() {
    worker.writes("\u001B[32mgreen\u001B[0m and \u001B[1;31mred\u001B[m");

    Result plain = cli.brig("run", "--no-color", "deis/empty-testbed");
    Result colored = cli.brig("run", "deis/empty-testbed");

    assertThat(logLines(plain)).containsExactly("green and red");
    assertThat(logLines(colored))
        .containsExactly("\u001B[32mgreen\u001B[0m and \u001B[1;31mred\u001B[m");
  }

  @Test
  void followsTheBuildWhenAnotherProcessClaimedItFirst() {
    worker.writes("rival says hi").fails();
    BrigApp app =
        new BrigApp(
            cli.projects,
            new RivalClaimBuildStore(cli.builds, worker),
            cli.logs,
            b -> {
              throw new AssertionError("the rival runs this build, not us");
            },
            cli.clock,
            cli.env);

    Result r = cli.brig(app, "run", "deis/empty-testbed");

    Build b = onlyBuild();
    assertThat(r.out())
        .contains("was claimed by brig-rival first; following its log")
        .endsWith("Build: " + b.id() + ", Worker: " + b.workerName() + "\nrival says hi\n");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(b.status().worker()).isEqualTo("brig-rival");
  }

  @Test
  void missingProjectArgument() {
    Result r = cli.brig("run");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("Error: project name required\n");
  }

  @Test
  void unknownProject() {
    Result r = cli.brig("run", "no/such");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("Error: could not find the project \"no/such\": ");
    assertThat(cli.builds.list(Optional.empty())).isEmpty();
  }

  @Test
  void payloadAndInlinePayloadTogether() {
    Result r = cli.brig("run", "deis/empty-testbed", "-p", "x.json", "-i", "{}");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo("Error: Both payload and inline-payload should not be specified\n");
  }

  @Test
  void missingScriptFileIsAnError() {
    Result r = cli.brig("run", "deis/empty-testbed", "-f", dir.resolve("nope.js").toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("brigade.js file").contains("does not exist");
  }

  @Test
  void unknownLogLevel() {
    Result r = cli.brig("run", "deis/empty-testbed", "-l", "debug");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("unknown log level \"debug\"");
  }

  private Build onlyBuild() {
    List<Build> all = cli.builds.list(Optional.empty());
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  /** The output after the two brig header lines. */
  private static List<String> logLines(Result r) {
    List<String> lines = List.of(r.out().split("\n")); // not lines(): keep the \r redraws
    return lines.subList(2, lines.size());
  }
}
