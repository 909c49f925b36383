package dev.kubeherd.cli.toolkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.kubeherd.cli.CliHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubeherd build dockerimage} as a user runs it, up to the point an engine is needed: the
 * help, bad flags, missing inputs (exit 2, naming the path), no engine on PATH (exit 1, naming
 * docker and podman) and the GitHub token read from SSM. The build itself runs on a real engine in
 * {@code DockerImageBuildCommandIT} and the toolkit's {@code DockerImageBuildIT}.
 */
class DockerImageBuildCommandTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;
  CliHarness cli;
  Path app;

  @BeforeEach
  void anAppAndNoEngine() throws IOException {
    cli = new CliHarness(dir.resolve("home"));
    cli.env.put("PATH", Files.createDirectories(dir.resolve("empty-bin")).toString());
    cli.env.put("HOME", dir.resolve("home").toString());
    app = dir.resolve("app");
    Files.createDirectories(app.resolve("deploy"));
    Files.writeString(app.resolve("deploy/Dockerfile.builder"), "FROM busybox\n");
    Files.writeString(app.resolve("deploy/Dockerfile.runtime"), "FROM busybox\n");
    script(app.resolve("deploy/s2i/builder/assemble"));
    script(app.resolve("deploy/s2i/runtime/assemble"));
    script(app.resolve("deploy/s2i/runtime/assemble-runtime"));
  }

  @Test
  void helpListsTheFlagsAndTheExitCodes() {
    var r = cli.kubeherd("build", "dockerimage", "--help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains(
            "--context",
            "--builder-dockerfile",
            "--runtime-dockerfile",
            "--builder-scripts",
            "--runtime-scripts",
            "--registry",
            "--repository",
            "--tag",
            "--cache-tag",
            "--tag-scheme",
            "--push",
            "--push-cache",
            "--force-rebuild",
            "--incremental",
            "--github-username",
            "--github-token-env",
            "--github-token-ssm-parameter",
            "--ssh-dir",
            "--runtime-artifact",
            "--max-cache-layers",
            "--max-cache-age",
            "--engine",
            "--work-dir")
        .contains(
            "Exit codes:", "2   a Dockerfile, scripts directory", "3   built and kept locally")
        .contains("4   a build step failed")
        // picocli wraps the exit code descriptions: any white space between the words
        .containsPattern(
            "left\\s+a\\s+secret\\s+value\\s+\\(or\\s+a\\s+file\\s+below\\s+a\\s+secret\\s+mount\\)")
        .containsPattern("nothing\\s+was\\s+committed\\s+or\\s+pushed")
        .contains("/tmp/github", "/root/.ssh", "read-only");
    assertThat(cli.kubeherd("build", "--help").out()).contains("dockerimage", "ami");
  }

  @Test
  void withoutDockerOrPodmanItExits1NamingBoth() {
    var r =
        cli.kubeherd("build", "dockerimage", "--context", app.toString(), "--repository", "app");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains("Error: no container engine: neither docker nor podman is on PATH")
        .contains("--engine PATH");
  }

  @Test
  void anEngineAskedForThatIsNotThereExits1() {
    cli.env.put("KUBEHERD_CONTAINER_ENGINE", "podman");

    var r =
        cli.kubeherd("build", "dockerimage", "--context", app.toString(), "--repository", "app");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("Error: container engine podman not found on PATH");
  }

  @Test
  void aMissingDockerfileExits2NamingThePath() throws IOException {
    Files.delete(app.resolve("deploy/Dockerfile.runtime"));

    var r =
        cli.kubeherd("build", "dockerimage", "--context", app.toString(), "--repository", "app");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            "Error: the runtime Dockerfile not found: " + app.resolve("deploy/Dockerfile.runtime"));
  }

  @Test
  void aMissingScriptsDirectoryExits2NamingThePath() {
    Path scripts = dir.resolve("elsewhere/builder-scripts");

    var r =
        cli.kubeherd(
            "build",
            "dockerimage",
            "--context",
            app.toString(),
            "--repository",
            "app",
            "--builder-scripts",
            scripts.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Error: the builder scripts directory not found: " + scripts);
  }

  @Test
  void badFlagValuesAreUsageErrors() {
    var scheme =
        cli.kubeherd("build", "dockerimage", "--context", app.toString(), "--tag-scheme", "multi");
    var repo =
        cli.kubeherd(
            "build", "dockerimage", "--context", app.toString(), "--repository", "Bad/Name");
    var both =
        cli.kubeherd(
            "build",
            "dockerimage",
            "--github-token-env",
            "A",
            "--github-token-ssm-parameter",
            "/b");

    assertThat(scheme.exitCode()).isEqualTo(1);
    assertThat(scheme.err()).contains("--tag-scheme must be mono or split, not multi");
    assertThat(repo.exitCode()).isEqualTo(1);
    assertThat(repo.err()).contains("--repository must be");
    assertThat(both.exitCode()).isEqualTo(1);
    assertThat(both.err()).contains("mutually exclusive");
  }

  @Test
  void aGithubUserWithoutATokenExits1NamingTheVariable() {
    var r =
        cli.kubeherd(
            "build",
            "dockerimage",
            "--context",
            app.toString(),
            "--repository",
            "app",
            "--github-username",
            "bot");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("--github-username is given but $GITHUB_TOKEN is empty");
  }

  @Test
  void theTokenIsReadFromSsmWithDecryptionBeforeTheEngineIsLookedFor() {
    cli.env.put("AWS_ENDPOINT_URL", wm.baseUrl());
    cli.env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    cli.env.put("AWS_SECRET_ACCESS_KEY", "test-secret");
    cli.env.put("AWS_REGION", "eu-west-1");
    wm.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(
                        "{\"Parameter\":{\"Name\":\"/ci/github-token\",\"Type\":\"SecureString\","
                            + "\"Value\":\"ghp_fromSsm123\",\"Version\":3}}")));

    var r =
        cli.kubeherd(
            "build",
            "dockerimage",
            "--context",
            app.toString(),
            "--repository",
            "app",
            "--github-username",
            "bot",
            "--github-token-ssm-parameter",
            "/ci/github-token");

    wm.verify(
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
            .withRequestBody(
                equalToJson("{\"Name\":\"/ci/github-token\",\"WithDecryption\":true}")));
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("neither docker nor podman").doesNotContain("ghp_fromSsm123");
  }

  private static void script(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
