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
            + "', 'sleep 120']).run();\n"
            + "});\n";
    Build build = builds.create(BuildRequest.of(projectId, "exec", "brig").withScript(script));

    server = startServer(home);
    Instant deadline = Instant.now().plusSeconds(60);
    while (!Files.exists(started) && Instant.now().isBefore(deadline) && server.isAlive()) {
      Thread.sleep(50);
    }
    assertThat(started).as("the job started; server log: %s", log()).exists();

    server.destroy(); // SIGTERM
    assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("the server stopped").isTrue();

    BuildStatus status = builds.find(build.id()).orElseThrow().status();
    assertThat(status.phase()).as("server log: %s", log()).isEqualTo(BuildPhase.FAILED);
    assertThat(status.message()).contains("was stopped while this build ran").contains("rerun");
    assertThat(status.exitCode()).hasValue(130);
    assertThat(log()).contains("stopped builds " + build.id());
    Instant gone = Instant.now().plus(Duration.ofSeconds(10));
    while (jobStillRunning(started) && Instant.now().isBefore(gone)) {
      Thread.sleep(100);
    }
    assertThat(jobStillRunning(started)).as("the job's sleep is still running").isFalse();
  }

  private static boolean jobStillRunning(Path marker) {
    return ProcessHandle.allProcesses()
        .map(p -> p.info().commandLine().orElse(""))
        .anyMatch(c -> c.contains("sleep 120") && c.contains(marker.toString()));
  }

  private String log() throws Exception {
    Path log = dir.resolve("server.log");
    return Files.exists(log) ? Files.readString(log) : "(none)";
  }

  /** {@code kubeherd serve --local} in a new JVM on this test's classpath. */
  private Process startServer(Path home) throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                KubeherdMain.class.getName(),
                "serve",
                "--local",
                "--poll",
                "PT0.2S")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("server.log").toFile());
    builder.environment().put("KUBEHERD_HOME", home.toString());
    return builder.start();
  }
}
