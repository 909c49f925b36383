package dev.kubeherd.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.CliHarness;
import dev.kubeherd.cli.CliHarness.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code brig dashboard} in local mode: says where the local server's dashboard is, exit 0. */
class DashboardCommandLocalTest {
  @TempDir Path dir;

  @Test
  void localModeSaysTheLocalServerServesTheDashboard() {
    Result r =
        new CliHarness(dir).useLocalApp().brig("dashboard", "--port", "8081", "--open-dashboard");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "Local mode: the dashboard is served by 'kubeherd server --local --port N' at"
                + " http://localhost:N/ (for example --port 7746); brig dashboard starts nothing.\n");
  }
}
