package dev.kubeherd.cli.brigadm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.CliHarness;
import dev.kubeherd.cli.CliHarness.Result;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every pipeline command answers {@code --help}, under both trees; typo aliases stay hidden. */
class BrigadmHelpTest {
  @TempDir Path dir;

  @Test
  void everyPipelineCommandHasHelpWithItsExitCodes() {
    CliHarness cli = new CliHarness(dir);
    for (String command : List.of("init", "run", "wait", "status", "bootstrap")) {
      Result r = cli.brigadm(command, "--help");
      Result viaKubeherd = cli.kubeherd("brigadm", command, "--help");

      assertThat(r.exitCode()).as(command).isZero();
      assertThat(r.out()).startsWith("Usage: brigadm " + command).contains("Exit codes:");
      assertThat(viaKubeherd.out()).startsWith("Usage: kubeherd brigadm " + command);
    }
  }

  @Test
  void kubeherdInitIsTheBootstrapCommand() {
    Result r = new CliHarness(dir).kubeherd("init", "--help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .startsWith("Usage: kubeherd init")
        .contains("--brigade-script-repo")
        .contains("NAMESPACE-boot");
  }

  @Test
  void theSshKeyOptionsAreExclusiveInTheUsageAndTheReadmeTypoIsHiddenButAccepted() {
    Result r = new CliHarness(dir).brigadm("init", "--help");

    assertThat(r.out())
        .contains("[--ssh-key-from-path=FILE |")
        .contains("--ssh-key-from-ssm-parameter=PARAM]")
        .contains("--script, --default-script, --default-script-from-path=FILE")
        .doesNotContain("paramaeter");
    Result typo =
        new CliHarness(dir)
            .brigadm(
                "init",
                "--repository",
                "acme/x",
                "--ssh-key-from-path",
                "/k",
                "--ssh-key-from-ssm-paramaeter",
                "/p");
    assertThat(typo.exitCode()).isEqualTo(1);
    assertThat(typo.err()).contains("mutually exclusive");
  }

  @Test
  void bothSshKeyOptionsAreOneErrorLineWithOneErrorPrefix() {
    Result r =
        new CliHarness(dir)
            .brigadm(
                "init",
                "--repository",
                "acme/x",
                "--ssh-key-from-path",
                "/k",
                "--ssh-key-from-ssm-parameter",
                "/p");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .startsWith(
            "Error: --ssh-key-from-path=FILE, --ssh-key-from-ssm-parameter=PARAM are mutually"
                + " exclusive (specify only one)\n")
        .doesNotContain("Error: Error:");
  }
}
