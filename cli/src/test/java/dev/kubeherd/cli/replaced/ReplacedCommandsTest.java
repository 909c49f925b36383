package dev.kubeherd.cli.replaced;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.CliHarness;
import dev.kubeherd.cli.CliHarness.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** v1's brig term: exits 1 saying what kubeherd has instead. */
class ReplacedCommandsTest {
  @TempDir Path dir;

  @Test
  void termPointsAtTheDashboardAndTheBuildCommands() {
    Result r = new CliHarness(dir).brig("term", "--reload-interval", "3s");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("brig term is not part of kubeherd").contains("brig build logs");
  }
}
