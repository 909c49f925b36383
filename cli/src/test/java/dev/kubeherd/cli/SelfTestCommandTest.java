package dev.kubeherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfTestCommandTest {
  @TempDir Path dir;

  @Test
  void runsAOneJobBuildInAThrowAwayHomeAndLeavesTheRealHomeAlone() throws Exception {
    CliHarness cli = new CliHarness(dir.resolve("home")).useLocalApp();
    var r = cli.kubeherd("self-test");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("self-test: build Succeeded in \\d+ ms");
    assertThat(Files.exists(dir.resolve("home").resolve("builds"))).isFalse();
  }
}
