package dev.kubeherd.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.CliHarness;
import dev.kubeherd.cli.CliHarness.Result;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code brig check} in local mode: no Deployments; exit 1 when a stored file cannot be read. */
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

  @Test
  void localModeFailsNamingTheProjectAndBuildFilesThatCannotBeRead() throws Exception {
    CliHarness cli = new CliHarness(dir).useLocalApp();
    Project good = cli.project("acme/one", "github.com/acme/one");
    Project bad = cli.project("acme/two", "github.com/acme/two");
    Path projectFile = dir.resolve("projects").resolve(bad.id() + ".json");
    Files.writeString(projectFile, "{");
    Build b = cli.builds.create(BuildRequest.of(good.id(), "exec", "brigade-cli"));
    Path buildDir = dir.resolve("builds").resolve(b.id());
    Files.writeString(buildDir.resolve("build.json"), "{");

    Result r = cli.brig("check");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out())
        .startsWith("❌ local-store: 1 readable project(s); ")
        .contains("1 project file(s) cannot be read: " + projectFile)
        .contains("1 build(s) cannot be read: " + buildDir)
        .contains("'brig project delete ID'")
        .contains("'brig build delete --force ID'");
    assertThat(r.err()).contains("the local store has files that cannot be read");
  }

  @Test
  void localModeNamesAtMostFiveUnreadableFiles() throws Exception {
    CliHarness cli = new CliHarness(dir).useLocalApp();
    Files.createDirectories(dir.resolve("projects"));
    for (int i = 0; i < 7; i++) {
      Files.writeString(dir.resolve("projects").resolve("brigade-bad" + i + ".json"), "{");
    }

    Result r = cli.brig("check");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out())
        .contains("7 project file(s) cannot be read: ")
        .contains("brigade-bad4.json and 2 more")
        .doesNotContain("brigade-bad5");
  }
}
