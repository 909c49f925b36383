package dev.kubeherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.CliHarness.Result;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.Revision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** brig rerun, brig build cancel and brig build delete-all. */
class RerunCancelDeleteAllTest {
  @TempDir Path dir;
  CliHarness cli;
  ScriptedLauncher worker;
  Project project;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir.resolve("home"));
    worker = new ScriptedLauncher(cli.builds, cli.logs, cli.clock);
    cli.launcher = worker;
    project = cli.project("deis/empty-testbed", "github.com/deis/empty-testbed");
  }

  private Build oldBuild() {
    return cli.builds.create(
        new BuildRequest(
            project.id(),
            "push",
            "github",
            new Revision("abc123", "refs/heads/main"),
            "{\"p\":1}",
            "console.log('old')",
            "{\"dependencies\":{}}",
            "warn",
            "branch: main",
            "branch: main (long)",
            "https://example.com/r.git"));
  }

  @Test
  void rerunCreatesANewBuildKeepingTheOldOnesFieldsAndFollowsIt() {
    Build old = oldBuild();
    worker.writes("again");

    Result r = cli.brig("rerun", old.id());

    assertThat(r.exitCode()).isZero();
    Build rerun = newest();
    assertThat(rerun.id()).isNotEqualTo(old.id());
    assertThat(rerun.request()).isEqualTo(old.request().withLogLevel("log"));
    assertThat(r.err()).contains("Rerunning build " + old.id() + " as " + rerun.id());
    assertThat(r.out())
        .endsWith("Build: " + rerun.id() + ", Worker: " + rerun.workerName() + "\nagain\n");
    assertThat(rerun.status().phase()).isEqualTo(BuildPhase.SUCCEEDED);
  }

  @Test
  void rerunFlagsOverrideTheOldBuild() throws IOException {
    Build old = oldBuild();
    Path script = Files.writeString(dir.resolve("new.js"), "console.log('new')");

    Result r =
        cli.brig(
            "rerun",
            old.workerName(),
            "-b",
            "-e",
            "exec",
            "-r",
            "refs/heads/dev",
            "-c",
            "def",
            "-f",
            script.toString(),
            "-l",
            "info");

    assertThat(r.exitCode()).isZero();
    BuildRequest req = newest().request();
    assertThat(req.type()).isEqualTo("exec");
    assertThat(req.revision()).isEqualTo(new Revision("def", "refs/heads/dev"));
    assertThat(req.script()).isEqualTo("console.log('new')");
    assertThat(req.logLevel()).isEqualTo("info");
    assertThat(req.provider()).isEqualTo("github");
    assertThat(req.payload()).isEqualTo("{\"p\":1}");
    assertThat(newest().status().phase()).isEqualTo(BuildPhase.PENDING);
  }

  @Test
  void rerunOfAFailingBuildExitsWithTwo() {
    Build old = oldBuild();
    worker.writes("boom").fails();

    Result r = cli.brig("rerun", old.id());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("build failed. (Build ID: " + newest().id() + ")");
  }

  @Test
  void rerunOfAnUnknownBuildExitsWithOne() {
    Result r = cli.brig("rerun", "01hzzzzzzzzzzzzzzzzzzzzzzz");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("build \"01hzzzzzzzzzzzzzzzzzzzzzzz\" not found");
  }

  @Test
  void cancelOfAPendingBuildMeansNoWorkerCanEverStartIt() {
    Build b = cli.builds.create(BuildRequest.of(project.id(), "exec", "brigade-cli"));

    Result r = cli.brig("build", "cancel", b.id());

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo("Build " + b.id() + " cancelled before it started.\n");
    Build after = cli.builds.find(b.id()).orElseThrow();
    assertThat(after.status().phase()).isEqualTo(BuildPhase.FAILED);
    assertThat(after.status().message()).isEqualTo("cancelled with brig build cancel");
    assertThat(cli.builds.claim(b.id(), "late-server")).isFalse();
  }

  @Test
  void cancelOfARunningBuildMarksItFailed() {
    Build b = cli.builds.create(BuildRequest.of(project.id(), "exec", "brigade-cli"));
    cli.builds.claim(b.id(), "some-worker");

    Result r = cli.brig("build", "cancel", b.id());

    assertThat(r.out()).isEqualTo("Build " + b.id() + " cancelled.\n");
    assertThat(cli.builds.find(b.id()).orElseThrow().status().phase()).isEqualTo(BuildPhase.FAILED);
  }

  @Test
  void cancelOfAFinishedBuildChangesNothing() {
    Build b = cli.builds.create(BuildRequest.of(project.id(), "exec", "brigade-cli"));
    cli.builds.claim(b.id(), "w");
    var done = cli.builds.find(b.id()).orElseThrow().status().finished(true, 0, CliHarness.NOW, "");
    cli.builds.updateStatus(b.id(), done);

    Result r = cli.brig("build", "cancel", b.id());

    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).contains("already finished (Succeeded); nothing to cancel");
    assertThat(cli.builds.find(b.id()).orElseThrow().status()).isEqualTo(done);
  }

  @Test
  void deleteAllRemovesFinishedBuildsOfTheProjectOnlyAndSkipsRunningOnes() {
    Project other = cli.project("other/repo", "github.com/other/repo");
    Build finished = finished(project);
    Build running = cli.builds.create(BuildRequest.of(project.id(), "exec", "brigade-cli"));
    cli.builds.claim(running.id(), "w");
    Build otherProjects = finished(other);

    Result r = cli.brig("build", "delete-all", "deis/empty-testbed");

    assertThat(r.exitCode()).isZero();
    assertThat(r.err())
        .contains("Deleted 1 build(s) of " + project.id())
        .contains("skipped 1 pending or running build(s). Use --force");
    assertThat(cli.builds.find(finished.id())).isEmpty();
    assertThat(cli.builds.find(running.id())).isPresent();
    assertThat(cli.builds.find(otherProjects.id())).isPresent();

    Result forced = cli.brig("build", "delete-all", "--force", project.id());

    assertThat(forced.exitCode()).isZero();
    assertThat(cli.builds.list(Optional.of(project.id()))).isEmpty();
  }

  @Test
  void deleteAllWithForceRemovesUnreadableBuildsOfTheProjectAndNamesThoseOfUnknownProject()
      throws IOException {
    Build badStatus = finished(project);
    Build badBuildFile = finished(project);
    Path builds = cli.home.resolve("builds");
    Files.writeString(builds.resolve(badStatus.id()).resolve("status.json"), "{");
    Files.writeString(builds.resolve(badBuildFile.id()).resolve("build.json"), "{");

    Result kept = cli.brig("build", "delete-all", project.id());

    assertThat(kept.exitCode()).as(kept.err()).isZero();
    assertThat(kept.err())
        .contains("Skipped 1 build(s) of it that cannot be read: " + badStatus.id())
        .contains("Use --force");
    assertThat(Files.exists(builds.resolve(badStatus.id()))).isTrue();

    Result r = cli.brig("build", "delete-all", "--force", project.id());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err())
        .contains("Deleted 1 build(s) of " + project.id())
        .contains("1 build(s) cannot be read, so their project is unknown")
        .contains(badBuildFile.id())
        .contains("brig build delete --force ID");
    assertThat(Files.exists(builds.resolve(badStatus.id()))).isFalse();
    assertThat(Files.exists(builds.resolve(badBuildFile.id()))).isTrue();
  }

  @Test
  void deleteAllOfAnUnknownProjectExitsWithOne() {
    Result r = cli.brig("build", "delete-all", "nope/nope");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("could not find the project \"nope/nope\"");
  }

  @Test
  void deleteAllRemovesTheBuildsOfADeletedProjectByNameOrId() {
    Build byName = finished(project);
    assertThat(cli.brig("project", "delete", project.id()).exitCode()).isZero();

    Result r = cli.brig("build", "delete-all", "deis/empty-testbed");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("Deleted 1 build(s) of " + project.id());
    assertThat(cli.builds.find(byName.id())).isEmpty();

    Build byId = finished(project);
    Result again = cli.brig("build", "delete-all", project.id());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(cli.builds.find(byId.id())).isEmpty();
  }

  @Test
  void buildListOfAnUnknownProjectExitsWithOneButListsADeletedProjectsBuilds() {
    Result unknown = cli.brig("build", "list", "nope");

    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("could not find the project \"nope\"");
    assertThat(unknown.out()).isEmpty();

    Build kept = finished(project);
    cli.projects.delete(project.id());
    Result deleted = cli.brig("build", "list", "deis/empty-testbed");

    assertThat(deleted.exitCode()).as(deleted.err()).isZero();
    assertThat(deleted.out()).contains(kept.id());
  }

  private Build finished(Project p) {
    Build b = cli.builds.create(BuildRequest.of(p.id(), "exec", "brigade-cli"));
    cli.builds.claim(b.id(), "w");
    var s = cli.builds.find(b.id()).orElseThrow().status().finished(true, 0, CliHarness.NOW, "");
    cli.builds.updateStatus(b.id(), s);
    return b;
  }

  private Build newest() {
    return cli.builds.list(Optional.empty()).get(0);
  }
}
