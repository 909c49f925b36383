package dev.kubeherd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.port.LogStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code kubeherd serve --local} fires the {@code resync} build of a project with {@code
 * kubeherd.resyncInterval} and runs it; projects without the setting get none.
 */
class ServeResyncTest {
  @TempDir Path dir;

  @Test
  void theLocalServerFiresAndRunsOneResyncBuildForAProjectWithAnInterval() throws Exception {
    CliHarness cli = new CliHarness(dir.resolve("home")).useLocalApp();
    String id = ProjectIds.fromName("your-org/your-app1-repo");
    cli.projects.create(
        new Project(
            id,
            "your-org/your-app1-repo",
            "default",
            Map.of(
                "kubeherd.resyncInterval",
                "6h",
                "defaultScript",
                "const { events } = require('brigadier');\n"
                    + "events.on('resync', (e) => console.log('resync by ' + e.provider));\n")));
    cli.projects.create(
        new Project(ProjectIds.fromName("your-org/quiet"), "your-org/quiet", "default", Map.of()));
    CommandLine server = cli.app().kubeherd();
    server.setOut(new PrintWriter(new StringWriter(), true));
    server.setErr(new PrintWriter(new StringWriter(), true));
    Thread serving =
        Thread.ofPlatform()
            .start(
                () ->
                    server.execute(
                        "serve", "--local", "--poll", "PT0.1S", "--resync-check", "PT0.1S"));
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  cli.builds.list(Optional.of(id)).stream()
                      .anyMatch(b -> b.status().phase() == BuildPhase.SUCCEEDED));
      Thread.sleep(500); // several more passes: the clock has not moved, nothing is due
    } finally {
      serving.interrupt();
      serving.join(20_000);
    }

    List<Build> builds = cli.builds.list(Optional.empty());
    assertThat(builds).hasSize(1);
    assertThat(builds.get(0).projectId()).isEqualTo(id);
    assertThat(builds.get(0).request().type()).isEqualTo("resync");
    assertThat(cli.logs.read(builds.get(0).id(), LogStore.WORKER)).contains("resync by kubeherd");
  }
}
