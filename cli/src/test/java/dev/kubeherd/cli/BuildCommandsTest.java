package dev.kubeherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.CliHarness.Result;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.Revision;
import dev.kubeherd.core.port.LogSink;
import dev.kubeherd.core.port.LogStore;
import dev.kubeherd.core.secret.DocumentFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** build list, get, logs and delete. */
class BuildCommandsTest {
  @TempDir Path home;
  CliHarness cli;
  Project project;
  Project other;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(home);
    project = cli.project("deis/empty-testbed", "github.com/deis/empty-testbed");
    other = cli.project("brigadecore/empty-testbed", "github.com/brigadecore/empty-testbed");
  }

  @Test
  void listShowsBuildsNewestFirstWithStatusAndAge() {
    Build older = finished(create(project, "push"), true, Duration.ofMinutes(5));
    Build newer = create(other, "exec");

    Result r = cli.brig("build", "list");

    assertThat(r.exitCode()).isZero();
    String row = "%-26s  %-4s  %-11s  %-62s  %-9s  %s";
    assertThat(r.out().lines())
        .containsExactly(
            row.formatted("ID", "TYPE", "PROVIDER", "PROJECT", "STATUS", "AGE"),
            row.formatted(newer.id(), "exec", "brigade-cli", other.id(), "Pending", "???"),
            row.formatted(older.id(), "push", "brigade-cli", project.id(), "Succeeded", "5m"));
  }

  @Test
  void listFiltersByProjectAndCount() {
    create(project, "a");
    Build b = create(project, "b");
    create(other, "c");

    Result r = cli.brig("build", "list", "deis/empty-testbed", "--count", "1");

    assertThat(r.out().lines()).hasSize(2);
    assertThat(r.out().lines().skip(1).findFirst().orElseThrow()).startsWith(b.id() + "  b  ");
  }

  @Test
  void listRefusesANegativeCountAndTakesZeroForAll() {
    create(project, "a");
    create(project, "b");

    Result negative = cli.brig("build", "list", "--count", "-5");
    Result zero = cli.brig("build", "list", "--count", "0");

    assertThat(negative.exitCode()).isEqualTo(1);
    assertThat(negative.err()).contains("--count must be 0 (all builds) or more, was -5");
    assertThat(zero.exitCode()).isZero();
    assertThat(zero.out().lines()).hasSize(3);
  }

  @Test
  void listAsJson() {
    Build b = create(project, "push");

    Result r = cli.brig("build", "list", "-o", "json");

    JsonNode list = DocumentFormat.JSON.parse(r.out());
    assertThat(list.get(0).path("id").asString()).isEqualTo(b.id());
    assertThat(list.get(0).path("worker").path("status").asString()).isEqualTo("Pending");
  }

  @Test
  void listAsJsonHasTheV1WorkerFieldsOfAPendingBuild() throws Exception {
    Build b = create(project, "push");
    String fixture;
    try (var in = getClass().getResourceAsStream("build/v1-pending-build.json")) {
      fixture =
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
              .replace("PROJECT_ID", project.id())
              .replace("BUILD_ID", b.id());
    }
    JsonNode v1 = DocumentFormat.JSON.parse(fixture);

    JsonNode ours = DocumentFormat.JSON.parse(cli.brig("build", "list", "-o", "json").out()).get(0);

    for (String field : List.of("id", "project_id", "type")) {
      assertThat(ours.path(field)).as(field).isEqualTo(v1.path(field));
    }
    JsonNode worker = ours.path("worker");
    v1.path("worker")
        .properties()
        .forEach(
            e ->
                assertThat(worker.path(e.getKey()))
                    .as("worker." + e.getKey())
                    .isEqualTo(e.getValue()));
  }

  @Test
  void getPrintsYamlWithContentOnlyWhenVerbose() {
    Build b = create(project, "push");

    Result plain = cli.brig("build", "get", b.id());
    Result verbose = cli.brig("build", "get", "-v", b.workerName());

    assertThat(plain.exitCode()).isZero();
    assertThat(plain.out())
        .contains("id: " + b.id())
        .contains("type: push")
        .doesNotContain("script");
    assertThat(verbose.out()).contains("script: console.log(1)");
  }

  @Test
  void getAsJsonHasContentInBase64() {
    Build b = create(project, "push");

    JsonNode json = DocumentFormat.JSON.parse(cli.brig("build", "get", b.id(), "-o", "json").out());

    assertThat(json.path("project_id").asString()).isEqualTo(project.id());
    assertThat(json.path("revision").path("ref").asString()).isEqualTo("main");
    byte[] script = Base64.getDecoder().decode(json.path("script").asString());
    assertThat(new String(script, StandardCharsets.UTF_8)).isEqualTo("console.log(1)");
  }

  @Test
  void getOfAnUnknownBuildFails() {
    Result r = cli.brig("build", "get", "01nosuchbuild");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("Error: build \"01nosuchbuild\" not found\n");
  }

  @Test
  void logsPrintsTheWorkerLogAndWithJobsEachJobUnderAHeader() {
    Build b = create(project, "push");
    log(b, LogStore.WORKER, "[brigade] started\n[brigade] done\n");
    log(b, "j1-" + b.id(), "hello from j1\n");

    Result worker = cli.brig("build", "logs", b.id());
    Result all = cli.brig("build", "logs", b.id(), "--jobs");

    assertThat(worker.out()).isEqualTo("[brigade] started\n[brigade] done\n");
    assertThat(all.out())
        .isEqualTo(
            "[brigade] started\n[brigade] done\n"
                + "\n==========[  j1-"
                + b.id()
                + "  ]==========\n"
                + "hello from j1\n");
  }

  @Test
  void logsLastPicksTheNewestBuild() {
    create(project, "old");
    Build newest = create(other, "new");
    log(newest, LogStore.WORKER, "newest\n");

    Result r = cli.brig("build", "logs", "--last");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo("newest\n");
  }

  @Test
  void logsInitInLocalModeSaysThereIsNoInitContainerAndPrintsTheWorkerLog() {
    Build b = create(project, "push");
    log(b, LogStore.WORKER, "worker says hi\n");

    Result r = cli.brig("build", "logs", b.id(), "-i");

    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).contains("No vcs-sidecar log for build " + b.id());
    assertThat(r.out()).isEqualTo("worker says hi\n");
  }

  @Test
  void logsOfABuildWithoutLogs() {
    Build b = create(project, "push");

    Result r = cli.brig("build", "logs", b.id());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("No logs for build \"" + b.id() + "\"");
  }

  @Test
  void logsNeedsAnIdOrLast() {
    Result r = cli.brig("build", "logs");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("build ID required");
  }

  @Test
  void deleteRemovesAFinishedBuild() {
    Build b = finished(create(project, "push"), false, Duration.ZERO);

    Result r = cli.brig("build", "delete", b.id());

    assertThat(r.exitCode()).isZero();
    assertThat(cli.builds.find(b.id())).isEmpty();
  }

  @Test
  void deleteSkipsAnUnfinishedBuildUnlessForced() {
    Build b = create(project, "push");

    Result skipped = cli.brig("build", "delete", b.id());

    assertThat(skipped.exitCode()).isZero();
    assertThat(skipped.err()).contains("is Pending; skipped").contains("--force");
    assertThat(cli.builds.find(b.id())).isPresent();

    Result forced = cli.brig("build", "delete", "--force", b.id());

    assertThat(forced.exitCode()).isZero();
    assertThat(cli.builds.find(b.id())).isEmpty();
  }

  @Test
  void deleteOfAnUnknownBuildFails() {
    Result r = cli.brig("build", "delete", "01nosuchbuild");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("not found");
  }

  @Test
  void deleteOfAnUnreadableBuildWithoutForceFailsNamingItsDirectoryAndForce() throws Exception {
    Build b = create(project, "push");
    Path dir = home.resolve("builds").resolve(b.id());
    Files.writeString(dir.resolve("build.json"), "{");

    Result r = cli.brig("build", "delete", b.id());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains("build " + b.id() + " cannot be read")
        .contains("delete the build with its directory " + dir)
        .contains("brig build delete --force " + b.id());
    assertThat(Files.exists(dir)).isTrue();
  }

  @Test
  void deleteWithForceRemovesAnUnreadableBuildSayingWhichDirectory() throws Exception {
    Build b = create(project, "push");
    Path dir = home.resolve("builds").resolve(b.id());
    Files.writeString(dir.resolve("build.json"), "{");

    Result r = cli.brig("build", "delete", "--force", b.id());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("Deleted unreadable build " + b.id() + " (" + dir + ")");
    assertThat(Files.exists(dir)).isFalse();
  }

  private Build create(Project p, String type) {
    return cli.builds.create(
        BuildRequest.of(p.id(), type, "brigade-cli")
            .withRevision(Revision.ofRef("main"))
            .withScript("console.log(1)"));
  }

  private Build finished(Build b, boolean ok, Duration ago) {
    cli.builds.claim(b.id(), "test");
    Build running = cli.builds.find(b.id()).orElseThrow();
    cli.builds.updateStatus(
        b.id(), running.status().finished(ok, ok ? 0 : 1, CliHarness.NOW.minus(ago), ""));
    return cli.builds.find(b.id()).orElseThrow();
  }

  private void log(Build b, String source, String text) {
    try (LogSink sink = cli.logs.open(b.id(), source)) {
      sink.write(text);
    }
  }
}
