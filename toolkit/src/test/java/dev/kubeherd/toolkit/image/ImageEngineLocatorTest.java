package dev.kubeherd.toolkit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the engine's client: asked for, or docker/podman on PATH, the working one first. */
class ImageEngineLocatorTest {
  @TempDir Path tmp;

  @Test
  void withNeitherDockerNorPodmanOnPathItFailsWithExitCode1NamingBoth() throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    EngineLocator locator = new EngineLocator(Map.of("PATH", bin.toString()), p -> true);

    assertThatThrownBy(() -> locator.locate(Optional.empty()))
        .isInstanceOfSatisfying(
            ImageBuildException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(1);
              assertThat(e.getMessage())
                  .startsWith(
                      "no container engine: neither docker nor podman is on PATH (" + bin + ")")
                  .contains("--engine PATH", "KUBEHERD_CONTAINER_ENGINE");
            });
  }

  @Test
  void theOnlyEngineOnPathIsTakenWithoutProbing() throws IOException {
    Path podman = executable(tmp.resolve("bin/podman"));

    EngineLocator locator =
        new EngineLocator(
            Map.of("PATH", "/nonexistent:" + podman.getParent()),
            p -> {
              throw new AssertionError("no probe needed");
            });

    assertThat(locator.locate(Optional.empty())).isEqualTo(podman);
  }

  @Test
  void withBothTheFirstThatAnswersWins() throws IOException {
    Path docker = executable(tmp.resolve("a/docker"));
    Path podman = executable(tmp.resolve("b/podman"));
    String path = docker.getParent() + ":" + podman.getParent();

    assertThat(
            new EngineLocator(Map.of("PATH", path), p -> p.equals(podman)).locate(Optional.empty()))
        .isEqualTo(podman);
    assertThat(new EngineLocator(Map.of("PATH", path), p -> true).locate(Optional.empty()))
        .isEqualTo(docker);
  }

  @Test
  void anEngineAskedForByNameOrPathMustExist() throws IOException {
    Path podman = executable(tmp.resolve("bin/podman"));
    Path nerdctl = executable(tmp.resolve("opt/nerdctl"));
    EngineLocator locator =
        new EngineLocator(Map.of("PATH", podman.getParent().toString()), p -> true);

    assertThat(locator.locate(Optional.of("podman"))).isEqualTo(podman);
    assertThat(locator.locate(Optional.of(nerdctl.toString()))).isEqualTo(nerdctl);
    assertThatThrownBy(() -> locator.locate(Optional.of("docker")))
        .hasMessageStartingWith(
            "container engine docker not found on PATH (" + podman.getParent() + ")");
    assertThatThrownBy(() -> locator.locate(Optional.of("/usr/local/nope/docker")))
        .hasMessageStartingWith("container engine /usr/local/nope/docker not found;");
  }

  private static Path executable(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
