package dev.kubeherd.toolkit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Missing inputs are exit code 2 and name the path ({@link BuildInputs}). */
class ImageBuildInputsTest {
  @TempDir Path tmp;
  Path app;

  @BeforeEach
  void aProject() throws IOException {
    app = TestProject.write(tmp.resolve("app"), "busybox", "deps");
  }

  ImageBuildOptions.Builder options() {
    return ImageBuildOptions.builder().context(app).repository("app");
  }

  @Test
  void aCompleteProjectPasses() {
    assertThatCode(() -> BuildInputs.check(options().incremental(true).sshDir(app).build()))
        .doesNotThrowAnyException();
  }

  @Test
  void aMissingBuilderDockerfileIsNamed() throws IOException {
    Files.delete(app.resolve("deploy/Dockerfile.builder"));

    assertMissing(
        options(), app.resolve("deploy/Dockerfile.builder"), "the builder Dockerfile not found: ");
  }

  @Test
  void aMissingScriptsDirectoryIsNamed() {
    Path scripts = tmp.resolve("no-such-scripts");

    assertMissing(
        options().runtimeScripts(scripts), scripts, "the runtime scripts directory not found: ");
  }

  @Test
  void aMissingOrNonExecutableScriptIsNamed() throws IOException {
    Files.delete(app.resolve("deploy/s2i/runtime/assemble-runtime"));
    assertMissing(
        options(),
        app.resolve("deploy/s2i/runtime/assemble-runtime"),
        "the assemble-runtime script not found: ");

    Files.setPosixFilePermissions(
        app.resolve("deploy/s2i/builder/assemble"), PosixFilePermissions.fromString("rw-r--r--"));
    assertMissing(
        options(),
        app.resolve("deploy/s2i/builder/assemble"),
        "an executable assemble script not found: ");
  }

  @Test
  void incrementalBuildsNeedSaveArtifactsAndAGivenSshDirectoryMustExist() throws IOException {
    Files.delete(app.resolve("deploy/s2i/builder/save-artifacts"));
    assertMissing(
        options().incremental(true),
        app.resolve("deploy/s2i/builder/save-artifacts"),
        "the save-artifacts script not found: ");
    assertMissing(
        options().sshDir(tmp.resolve(".ssh")),
        tmp.resolve(".ssh"),
        "the SSH directory not found: ");
  }

  private static void assertMissing(ImageBuildOptions.Builder options, Path path, String prefix) {
    assertThatThrownBy(() -> BuildInputs.check(options.build()))
        .isInstanceOfSatisfying(
            MissingInputException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ImageExitCodes.MISSING_INPUT);
              assertThat(e.path()).isEqualTo(path);
              assertThat(e.getMessage()).startsWith(prefix + path + "; ");
            });
  }
}
