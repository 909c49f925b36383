package dev.kubeherd.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.CliHarness;
import dev.kubeherd.cli.CliHarness.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code brig check} in local mode: no Deployments, the local store is read, exit 0. */
class CheckCommandLocalTest {
  @TempDir Path dir;

  @Test
  void localModeReadsTheStoreSaysThereAreNoDeploymentsAndPasses() {
    CliHarness cli = new CliHarness(dir).useLocalApp();
    cli.project("acme/one", "github.com/acme/one");

    Result r = cli.brig("check");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "✔️ local-store: 1 project(s); local mode has no Deployments: builds run in brig"
                + " itself or in 'kubeherd server --local'\n");
  }
}
