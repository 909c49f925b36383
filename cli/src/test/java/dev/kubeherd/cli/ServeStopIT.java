package dev.kubeherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.DirectoryProjectStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubeherd serve --local} stopped with SIGTERM (what Ctrl-C and a service manager send)
 * while a build runs: the build ends Failed saying why, and its job's processes are stopped,
 * instead of the build staying Running with no worker behind it and its job running on as an
 * orphan.
 */
class ServeStopIT {
  private static final String REPOSITORY = "acme/serve-stop";

  @TempDir Path dir;
  private Process server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.destroyForcibly();
    }
  }

  @Test
  void aStoppedServerEndsTheBuildsItRanAndStopsTheirJobs() throws Exception {
    Path home = dir.resolve("home");
    Path started = dir.resolve("job-started");
    String projectId = ProjectIds.fromName(REPOSITORY);
    new DirectoryProjectStore(new LocalHome(home))
        .create(new Project(projectId, REPOSITORY, "default", Map.of()));
    DirectoryBuildStore builds = new DirectoryBuildStore(new LocalHome(home), Clock.systemUTC());
    String script =
        "const { events, Job } = require('brigadier');\n"
            + "events.on('exec', async () => {\n"
            + "  await new Job('slow', 'alpine', ['touch "
            + started
            + "', 'sleep 1201']).run();\n"
            + "});\n";
    Build build = builds.create(BuildRequest.of(projectId, "exec", "brig").withScript(script));

    server = startServer(home);
    awaitJob(started, "1201");

    server.destroy(); // SIGTERM
    assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("the server stopped").isTrue();

    BuildStatus status = builds.find(build.id()).orElseThrow().status();
    assertThat(status.phase()).as("server log: %s", log()).isEqualTo(BuildPhase.FAILED);
    assertThat(status.message())
        .contains("was stopped while this build ran")
        .endsWith("brig rerun " + build.id());
    assertThat(status.exitCode()).hasValue(130);
    assertThat(log()).contains("stopped builds " + build.id());
    Instant gone = Instant.now().plus(Duration.ofSeconds(10));
    while (jobStillRunning("1201") && Instant.now().isBefore(gone)) {
      Thread.sleep(100);
    }
    assertThat(jobStillRunning("1201")).as("the job's sleep is still running").isFalse();
  }

  @Test
  void aStoppedBrigRunFailsItsBuildAndStopsItsJobs() throws Exception {
    Path home = dir.resolve("home");
    Path started = dir.resolve("brig-job-started");
    new DirectoryProjectStore(new LocalHome(home))
        .create(new Project(ProjectIds.fromName(REPOSITORY), REPOSITORY, "default", Map.of()));
    Path script = dir.resolve("brigade.js");
    Files.writeString(
        script,
        "const { events, Job } = require('brigadier');\n"
            + "events.on('exec', async () => {\n"
            + "  await new Job('slow', 'alpine', ['touch "
            + started
            + "', 'sleep 1202']).run();\n"
            + "});\n");

    server = start(home, "brig", "--local", "run", REPOSITORY, "-f", script.toString());
    awaitJob(started, "1202");

    server.destroy(); // SIGTERM
    assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("brig stopped").isTrue();

    DirectoryBuildStore builds = new DirectoryBuildStore(new LocalHome(home), Clock.systemUTC());
    BuildStatus status = builds.list(Optional.empty()).getFirst().status();
    assertThat(status.phase()).isEqualTo(BuildPhase.FAILED);
    assertThat(status.message()).isEqualTo("brig stopped before the build finished");
    assertThat(status.exitCode()).as("stored as a cancel, like brig build cancel").contains(130);
    Instant gone = Instant.now().plus(Duration.ofSeconds(10));
    while (jobStillRunning("1202") && Instant.now().isBefore(gone)) {
      Thread.sleep(100);
    }
    assertThat(jobStillRunning("1202")).as("the job's sleep is still running").isFalse();
  }

  /** Waits until the job has touched {@code started} and its {@code sleep SECONDS} runs. */
  private void awaitJob(Path started, String seconds) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    while (!Files.exists(started) && Instant.now().isBefore(deadline) && server.isAlive()) {
      Thread.sleep(50);
    }
    assertThat(started).as("the job started; output: %s", log()).exists();
    Instant sleeping = Instant.now().plusSeconds(10);
    while (!jobStillRunning(seconds) && Instant.now().isBefore(sleeping)) {
      Thread.sleep(20);
    }
    assertThat(jobStillRunning(seconds)).as("the job's sleep runs").isTrue();
  }

  /** Whether a process runs {@code sleep SECONDS} (each test sleeps for a number of its own). */
  private static boolean jobStillRunning(String seconds) {
    return ProcessHandle.allProcesses()
        .map(p -> p.info().commandLine().orElse(""))
        .anyMatch(c -> c.contains("sleep " + seconds));
  }

  private String log() throws Exception {
    Path log = dir.resolve("server.log");
    return Files.exists(log) ? Files.readString(log) : "(none)";
  }

  /** {@code kubeherd serve --local} in a new JVM on this test's classpath. */
  private Process startServer(Path home) throws Exception {
    return start(home, "serve", "--local", "--poll", "PT0.2S");
  }

  /** {@code kubeherd ARGS} in a new JVM on this test's classpath, its output in server.log. */
  private Process start(Path home, String... args) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(KubeherdJvm.command(args))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("server.log").toFile());
    builder.environment().put("KUBEHERD_HOME", home.toString());
    return builder.start();
  }
}
