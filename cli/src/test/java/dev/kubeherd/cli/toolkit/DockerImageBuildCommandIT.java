package dev.kubeherd.cli.toolkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.CliHarness;
import dev.kubeherd.core.Json;
import dev.kubeherd.toolkit.image.ContentHash;
import dev.kubeherd.toolkit.image.ImageNames;
import dev.kubeherd.toolkit.image.TagScheme;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code kubeherd build dockerimage} through the command line on real podman and the loopback
 * registry of {@code bin/container-engine-setup}: a build that pushes, with the GitHub token in
 * {@code GITHUB_TOKEN}, the JSON report on stdout and progress on stderr.
 */
class DockerImageBuildCommandIT {
  static final String TOKEN =
      "ghp_cliIt" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

  @TempDir Path dir;
  CliHarness cli;
  String repository;
  final List<String> images = new ArrayList<>();

  @BeforeEach
  void anAppAndTheTestEngine() throws IOException {
    String base = System.getenv("KUBEHERD_TEST_BASE_IMAGE");
    String registry = System.getenv("KUBEHERD_TEST_REGISTRY");
    assertThat(base + registry)
        .as(
            "KUBEHERD_TEST_BASE_IMAGE and KUBEHERD_TEST_REGISTRY are not set: run the tests with"
                + " bin/test, which runs bin/container-engine-setup and exports them")
        .doesNotContain("null");
    repository =
        registry
            + "/kubeherd-cli-it/web-"
            + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    cli = new CliHarness(dir.resolve("home"));
    cli.env.putAll(System.getenv());
    cli.env.put("GITHUB_TOKEN", TOKEN);
    Path app = dir.resolve("web");
    Files.createDirectories(app.resolve("deploy"));
    Files.writeString(app.resolve("index.html"), "<h1>hi</h1>\n");
    Files.writeString(app.resolve("deploy/Dockerfile.builder"), "FROM " + base + "\n");
    Files.writeString(
        app.resolve("deploy/Dockerfile.runtime"), "FROM " + base + "\nWORKDIR /srv\n");
    script(
        app.resolve("deploy/s2i/builder/assemble"),
        "test -s /tmp/github/token && echo token mounted\nrm -rf /tmp/src");
    script(
        app.resolve("deploy/s2i/runtime/assemble"),
        "mkdir -p /root/src && cd /tmp/src && tar -czf /root/src/app.tar.gz index.html");
    script(
        app.resolve("deploy/s2i/runtime/assemble-runtime"),
        "tar -xzf app.tar.gz && rm app.tar.gz && ls /srv");
    script(app.resolve("deploy/s2i/runtime/run"), "cat /srv/index.html");
  }

  @AfterEach
  void removeTheImages() throws Exception {
    if (!images.isEmpty()) {
      List<String> rmi = new ArrayList<>(List.of("podman", "rmi", "-i"));
      rmi.addAll(images);
      run(rmi);
    }
  }

  @Test
  void buildsPushesAndReportsAsJson() throws Exception {
    Path web = dir.resolve("web");
    ImageNames names =
        ImageNames.of(
            repository,
            "v1",
            "cache",
            TagScheme.MONO,
            ContentHash.md5(web.resolve("deploy/Dockerfile.builder")),
            ContentHash.md5(web.resolve("deploy/Dockerfile.runtime")));
    images.addAll(
        List.of(
            names.builderBase(),
            names.builderCache(),
            names.builderOutput(),
            names.runtimeBase(),
            names.runtimeCache(),
            names.finalImage()));

    var r =
        cli.kubeherd(
            "build",
            "dockerimage",
            "--engine",
            "podman",
            "--context",
            web.toString(),
            "--repository",
            repository,
            "--tag",
            "v1",
            "--git-sha",
            "9e8d7c6",
            "--github-username",
            "bot",
            "--push",
            "--push-cache",
            "--work-dir",
            dir.resolve("work").toString(),
            "-o",
            "json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode report = Json.MAPPER.readTree(r.out());
    assertThat(report.path("image").asString()).isEqualTo(repository + ":v1");
    assertThat(report.path("labels").path("org.opencontainers.image.revision").asString())
        .isEqualTo("9e8d7c6");
    assertThat(report.path("pushed")).hasSize(3);
    assertThat(report.path("pushed").get(2).asString()).isEqualTo(repository + ":v1");
    assertThat(r.err())
        .contains("[8/8] cache tags and pushes", "token mounted")
        .doesNotContain(TOKEN);
    assertThat(run(List.of("podman", "run", "--rm", repository + ":v1")).strip())
        .isEqualTo("<h1>hi</h1>");
    assertThat(dir.resolve("work")).isEmptyDirectory();
  }

  private static void script(Path file, String body) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\nset -e\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("%s: %s", command, out).isZero();
    return out;
  }
}
