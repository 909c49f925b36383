package dev.kubeherd.toolkit.image;

import static dev.kubeherd.toolkit.image.EngineProbe.podman;
import static dev.kubeherd.toolkit.image.EngineProbe.tagsInRegistry;
import static dev.kubeherd.toolkit.image.ImageBuildItProject.KEY_BODY;
import static dev.kubeherd.toolkit.image.ImageBuildItProject.RANDOM;
import static dev.kubeherd.toolkit.image.ImageBuildItProject.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubeherd build dockerimage} on a real engine when the user's {@code assemble} goes wrong:
 * a failing one fails with its output, and one that stores the token in an ordinary file is refused
 * before its container is committed, with exit code 4; neither leaves a container, an image, a push
 * or a secret behind. Same engine, base image and registry as {@link DockerImageBuildIT}.
 */
@TestMethodOrder(OrderAnnotation.class)
class DockerImageBuildFailuresIT {
  @TempDir static Path tmp;
  private static ImageBuildItProject it;

  @BeforeAll
  static void needsTheTestEngine() throws Exception {
    it = ImageBuildItProject.create(tmp, "-failures");
  }

  @AfterAll
  static void removeTheImages() throws Exception {
    it.removeImages();
  }

  @Test
  @Order(1)
  void aFailingAssembleFailsWithItsOutputAndLeavesNoContainerOrSecretBehind() throws Exception {
    Path work = Files.createDirectories(it.tmp.resolve("work-failing"));
    ImageBuildOptions.Builder failing =
        it.options("broken").builderScripts(it.project.resolve("failing")).workDir(work);

    assertThatThrownBy(() -> it.build(failing, new ArrayList<>()))
        .isInstanceOfSatisfying(
            StepFailedException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ImageExitCodes.STEP_FAILED);
              assertThat(e.getMessage())
                  .contains("assemble (builder) failed with exit code 3")
                  .contains("compiling native extensions", "fatal: gem nokogiri failed to build");
            });
    assertThat(podman("ps", "-a", "--format", "{{.Names}}"))
        .doesNotContain("kubeherd-app-" + RANDOM);
    assertThat(work).isEmptyDirectory();
    assertThat(it.engine.inspect(it.repository + ":builder-broken")).isEmpty();
  }

  @Test
  @Order(2)
  void anAssembleThatStoresTheTokenInAFileFailsWithExitCode4AndCommitsAndPushesNothing()
      throws Exception {
    Path work = Files.createDirectories(it.tmp.resolve("work-leaking"));
    ImageBuildOptions.Builder leaking =
        it.options("leaky")
            .builderScripts(it.project.resolve("leaking"))
            .workDir(work)
            .push(true)
            .pushCache(true);
    long pushesBefore = it.pushes();
    List<String> lines = new ArrayList<>();

    assertThatThrownBy(() -> it.build(leaking, lines))
        .isInstanceOfSatisfying(
            SecretInLayerException.class,
            e -> {
              System.out.println("refused: " + e.getMessage());
              assertThat(e.exitCode()).isEqualTo(ImageExitCodes.STEP_FAILED);
              assertThat(e.getMessage())
                  .contains("refusing to commit it as " + it.repository + ":builder-leaky")
                  .contains("/root/.git-credentials holds the GitHub token from $IT_GITHUB_TOKEN")
                  .contains("Read a secret where it is mounted (/tmp/github, /root/.ssh)")
                  .doesNotContain(TOKEN, KEY_BODY);
            });
    assertThat(String.join("\n", lines))
        .contains("stored the github credentials in /root/.git-credentials")
        .doesNotContain(TOKEN);
    assertThat(it.pushes()).as("pushes").isEqualTo(pushesBefore);
    assertThat(tagsInRegistry(it.registry, it.repository)).doesNotContain("leaky", "builder-leaky");
    assertThat(it.engine.inspect(it.repository + ":builder-leaky")).isEmpty();
    assertThat(podman("ps", "-a", "--format", "{{.Names}}"))
        .doesNotContain("kubeherd-app-" + RANDOM);
    assertThat(work).isEmptyDirectory();
  }

  @Test
  @Order(3)
  void theEngineClientNeverGotASecretInAnArgumentOrVariable() throws Exception {
    String calls = Files.readString(it.engineLog);

    assertThat(calls).contains("argv: [create] [--name]");
    assertThat(calls).doesNotContain("IT_GITHUB_TOKEN", "ANOTHER_COPY", TOKEN, KEY_BODY);
  }
}
