package dev.kubeherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.CliHarness.Result;
import dev.kubeherd.core.model.ProjectIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What brig users see for bad scripts and a damaged store (issue: "Bad input"). */
class BadInputTest {
  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir.resolve("home")).useLocalApp();
    cli.project("acme/app", "github.com/acme/app");
  }

  @Test
  void syntaxErrorFailsTheBuildWithFileAndLineAndExitCodeTwo() throws IOException {
    Result r = run("const a = 1;\nevents.on(;\n");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out())
        .contains("SyntaxError")
        .contains("brigade.js:2")
        .contains("error handler is firing");
    assertThat(r.err()).contains("build failed. (Build ID: ");
  }

  @Test
  void bothDeployKeyOptionsOfASyncAreAUsageErrorBeforeAnythingRuns() {
    for (String[] level : new String[][] {{"master"}, {"worker", "shop"}}) {
      List<String> args = new ArrayList<>(List.of("sync"));
      args.addAll(List.of(level));
      args.addAll(
          List.of(
              "-e",
              "test",
              "--ssh-key-from-path",
              dir.resolve("key").toString(),
              "--ssh-key-from-ssm-parameter",
              "/deploy/key"));

      Result r = cli.kubeherd(args.toArray(String[]::new));

      assertThat(r.exitCode()).as(level[0]).isEqualTo(1);
      assertThat(r.err())
          .as(level[0])
          .startsWith(
              "Error: --ssh-key-from-path and --ssh-key-from-ssm-parameter are mutually exclusive")
          .doesNotContain("Error: Error:");
    }
  }

  @Test
  void invalidJobNameFailsWithTheV1Message() throws IOException {
    Result r = run("const { Job } = require('brigadier');\nnew Job('Not_Valid');\n");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out())
        .contains(
            "job name must be lowercase letters, numbers, and '-', and must not start or end with"
                + " '-', having max length 36");
  }

  @Test
  void unknownProjectExitsOneWithTheV1Message() throws IOException {
    Result r = cli.brig("run", "nobody/nothing", "-f", script("// nothing").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("Error: could not find the project \"nobody/nothing\"");
  }

  @Test
  void unknownEventSucceedsAndIsLogged() throws IOException {
    Result r =
        cli.brig(
            "run", "acme/app", "-e", "mystery", "-f", script("require('brigadier');").toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("no handler for event \"mystery\"");
  }

  @Test
  void jobExitingNonZeroRejectsWithTheV1MessageAndShowsItsOutput() throws IOException {
    Result r =
        run(
            """
            const { events, Job } = require("brigadier");
            events.on("exec", () => new Job("broken", "", ["echo going down", "exit 7"]).run());
            """);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out())
        .containsPattern(
            "job broken\\(broken-\\w+\\): Error: Pod broken-\\w+ failed to run to completion")
        .contains("    going down");
  }

  @Test
  void corruptProjectFileIsNamedAndTheRestOfTheStoreStillWorks() throws IOException {
    cli.project("acme/other", "github.com/acme/other");
    Path file = cli.home.resolve("projects").resolve(ProjectIds.fromName("acme/other") + ".json");
    Files.writeString(file, "{ not json");
    Result get = cli.brig("project", "get", "acme/other");
    assertThat(get.exitCode()).isEqualTo(1);
    assertThat(get.err()).contains(file.toString());
    Result list = cli.brig("project", "list");
    assertThat(list.exitCode()).isZero();
    assertThat(list.out()).contains("acme/app");
    assertThat(run("console.log('still runs')").out()).contains("still runs");
  }

  @Test
  void corruptBuildFileIsNamedAndOtherBuildsStillList() throws IOException {
    run("console.log('first')");
    run("console.log('second')");
    var builds = cli.builds.list(Optional.empty());
    Path file = cli.home.resolve("builds").resolve(builds.get(0).id()).resolve("build.json");
    Files.writeString(file, "");
    Result get = cli.brig("build", "get", builds.get(0).id());
    assertThat(get.exitCode()).isEqualTo(1);
    assertThat(get.err()).contains(file.toString());
    Result list = cli.brig("build", "list");
    assertThat(list.exitCode()).isZero();
    assertThat(list.out()).contains(builds.get(1).id()).doesNotContain(builds.get(0).id());
  }

  private Result run(String js) throws IOException {
    return cli.brig("run", "acme/app", "-f", script(js).toString(), "--no-progress");
  }

  private Path script(String js) throws IOException {
    Path p = Files.createTempFile(dir, "brigade", ".js");
    Files.writeString(p, js);
    return p;
  }
}
