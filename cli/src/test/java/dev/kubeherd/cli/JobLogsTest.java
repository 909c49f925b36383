package dev.kubeherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobLogsTest {
  @TempDir Path dir;

  @Test
  void everyJobIsListedUnderItsHeaderIncludingOnesThatPrintedNothing() throws Exception {
    CliHarness cli = new CliHarness(dir.resolve("home")).useLocalApp();
    cli.project("acme/app", "github.com/acme/app");
    Path script = dir.resolve("brigade.js");
    Files.writeString(
        script,
        """
        const { events, Job } = require("brigadier");
        events.on("exec", async () => {
          await new Job("talker", "", ["echo said something"]).run();
          await new Job("silent", "", ["true"]).run();
        });
        """);
    assertThat(cli.brig("run", "acme/app", "-f", script.toString()).exitCode()).isZero();
    String id = cli.builds.list(Optional.empty()).getFirst().id();

    var logs = cli.brig("build", "logs", "--last", "--jobs");

    assertThat(logs.exitCode()).isZero();
    // (the harness's clock is fixed, so both jobs "start" at once and are listed by name)
    assertThat(logs.out())
        .contains("==========[  talker-" + id + "  ]==========\nsaid something\n")
        .contains("==========[  silent-" + id + "  ]==========\n");
  }
}
