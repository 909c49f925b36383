package dev.kubeherd.toolkit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's argument lists ({@link EngineCommands}) and environment ({@link EngineEnvironment}):
 * secrets are mounted directories, never values in an argument or variable.
 */
class ImageEngineCommandsTest {
  static final String TOKEN = "ghp_NeverInArgv0123456789";
  static final String KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAAsecretkeybody\n";

  @TempDir Path tmp;

  @Test
  void aBuilderContainerGetsItsSecretsAsReadOnlyBindMountsByPathOnly() throws IOException {
    Path ssh = Files.createDirectories(tmp.resolve("home/.ssh"));
    Files.writeString(ssh.resolve("id_ed25519"), KEY);
    try (BuildSecrets secrets =
        BuildSecrets.prepare(
            tmp.resolve("work"),
            Optional.of(new GithubCredentials("bot", TOKEN)),
            Optional.of(ssh),
            line -> {})) {
      ContainerSpec spec =
          new ContainerSpec(
              "kubeherd-app-1-builder",
              "app:builder-x-cache",
              List.of("/tmp/scripts/assemble"),
              secrets.mounts());

      List<String> argv = EngineCommands.create(spec);

      Path dir = secrets.mounts().getFirst().source();
      assertThat(argv)
          .containsExactly(
              "create",
              "--name",
              "kubeherd-app-1-builder",
              "--mount",
              "type=bind,source=" + dir + ",target=/tmp/github,readonly",
              "--mount",
              "type=bind,source=" + dir.resolveSibling("ssh") + ",target=/root/.ssh,readonly",
              "app:builder-x-cache",
              "/tmp/scripts/assemble");
      assertThat(String.join("\0", argv)).doesNotContain(TOKEN, "secretkeybody");
      assertThat(Files.readString(dir.resolve("token"))).isEqualTo(TOKEN + "\n");
      assertThat(Files.getPosixFilePermissions(dir.resolve("token")))
          .extracting(Object::toString)
          .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
      assertThat(Files.readString(dir.resolveSibling("ssh").resolve("id_ed25519"))).isEqualTo(KEY);
    }
    assertThat(tmp.resolve("work")).isEmptyDirectory();
  }

  @Test
  void everyOtherCommandCarriesNamesAndPathsOnly() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ImageLabels.REVISION, "3f2c1d0");
    labels.put(ImageLabels.CREATED, "2026-03-01T12:00:00Z");

    assertThat(EngineCommands.commit("c1", "app:v1", labels, List.of("/tmp/scripts/run")))
        .containsExactly(
            "commit",
            "-c",
            "LABEL org.opencontainers.image.revision=\"3f2c1d0\"",
            "-c",
            "LABEL org.opencontainers.image.created=\"2026-03-01T12:00:00Z\"",
            "-c",
            "CMD [\"/tmp/scripts/run\"]",
            "c1",
            "app:v1");
    assertThat(EngineCommands.commit("c1", "app:v1", Map.of("k", "say \"hi\""), List.of()))
        .containsExactly("commit", "-c", "LABEL k=\"say \\\"hi\\\"\"", "c1", "app:v1");
    assertThat(EngineCommands.copyIn("c1", Path.of("/src/app"), true, "/tmp/src"))
        .containsExactly("cp", "/src/app/.", "c1:/tmp/src");
    assertThat(EngineCommands.copyIn("c1", Path.of("/w/app.tar.gz"), false, "/app/app.tar.gz"))
        .containsExactly("cp", "/w/app.tar.gz", "c1:/app/app.tar.gz");
    assertThat(EngineCommands.copyTarIn("c1", "/tmp/artifacts"))
        .containsExactly("cp", "-", "c1:/tmp/artifacts");
    assertThat(
            EngineCommands.build(
                Path.of("/a/deploy/Dockerfile.builder"), Path.of("/a"), "app:builder-x"))
        .containsExactly(
            "build", "-f", "/a/deploy/Dockerfile.builder", "-t", "app:builder-x", "/a");
    assertThat(EngineCommands.startAttached("c1")).containsExactly("start", "-a", "c1");
    assertThat(EngineCommands.pull("app:x")).containsExactly("pull", "-q", "app:x");
  }

  @Test
  void theEngineRunsWithoutTheTokensVariableOrAnyOtherHoldingASecret() {
    Map<String, String> env =
        Map.of(
            "PATH", "/usr/bin",
            "GITHUB_TOKEN", TOKEN,
            "GH_TOKEN", TOKEN,
            "CONTAINERS_CONF", "/etc/containers.conf",
            "EMPTY", "");

    Map<String, String> clean =
        EngineEnvironment.withoutSecrets(env, List.of("GITHUB_TOKEN"), List.of(TOKEN));

    assertThat(clean)
        .containsOnlyKeys("PATH", "CONTAINERS_CONF", "EMPTY")
        .doesNotContainValue(TOKEN);
  }

  @Test
  void mountsRefusePathsTheMountSyntaxCannotCarry() {
    assertThatThrownBy(() -> Mount.readOnly(Path.of("/home/a,b/.ssh"), "/root/.ssh"))
        .hasMessageContaining("comma");
    assertThatThrownBy(() -> Mount.readOnly(Path.of("/x"), "root/.ssh"))
        .hasMessage("a container path must be absolute: root/.ssh");
    assertThatThrownBy(() -> new ContainerSpec("bad name", "img", List.of(), new ArrayList<>()))
        .hasMessage("not a container name: bad name");
  }
}
