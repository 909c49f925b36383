package dev.kubeherd.toolkit.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.toolkit.tools.TestJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code build dockerimage} stopped with SIGTERM while a build step's container runs (a cancelled
 * CI job), against a stand-in docker client: the engine command is stopped with its children, the
 * container removed and the run's directory with the mounted token deleted, instead of the token
 * file staying under the work directory and the container running on.
 */
class ImageBuildStopTest {
  static final String TOKEN = "ghp_stopTestToken42";

  @TempDir Path tmp;
  private Process jvm;

  @AfterEach
  void stop() {
    if (jvm != null) {
      jvm.destroyForcibly();
    }
  }

  @Test
  void aStoppedBuildRemovesItsContainerAndSecretsAndStopsTheEngineCommand() throws Exception {
    StandInEngine engine = StandInEngine.hangingOn(tmp.resolve("bin"), "start");
    Path work = Files.createDirectories(tmp.resolve("work"));
    Path log = tmp.resolve("build.log");
    startBuildUntilItHangs(engine, work, log);
    assertThat(work).as("the run's directory with the mounted token").isNotEmptyDirectory();

    jvm.destroy(); // SIGTERM
    assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).as("the build stopped").isTrue();

    assertThat(jvm.exitValue()).isEqualTo(TestJvm.SIGTERM_EXIT);
    String container = engine.firstContainer();
    assertThat(engine.calls()).contains("start -a " + container, "rm -f " + container);
    assertThat(work).isEmptyDirectory();
    List<Long> pids = engine.hangingPids().orElseThrow();
    pids.forEach(TestJvm::assertEnded);
    assertThat(Files.readString(log))
        .contains("kubeherd is stopping: cleaning up container " + container)
        .doesNotContain(TOKEN);
  }

  @Test
  void aStoppedBuildEndsSoonWhenRemovingItsContainerHangs() throws Exception {
    StandInEngine engine = StandInEngine.hangingOn(tmp.resolve("bin"), "start|rm");
    Path work = Files.createDirectories(tmp.resolve("work"));
    Path log = tmp.resolve("build.log");
    startBuildUntilItHangs(engine, work, log);

    jvm.destroy(); // SIGTERM; the daemon hangs on `docker rm -f`
    assertThat(jvm.waitFor(45, TimeUnit.SECONDS))
        .as("the build stopped though docker rm hung (the engine timeout is 30m)")
        .isTrue();

    assertThat(jvm.exitValue()).isEqualTo(TestJvm.SIGTERM_EXIT);
    String container = engine.firstContainer();
    assertThat(engine.calls()).contains("rm -f " + container);
    assertThat(work).as("the token is deleted after the removal gave up").isEmptyDirectory();
    engine.hangingPids().orElseThrow().forEach(TestJvm::assertEnded);
    assertThat(Files.readString(log))
        .contains(
            "kubeherd: cleaning up container "
                + container
                + " failed: docker rm -f "
                + container
                + " did not finish within 20s and was stopped")
        .doesNotContain(TOKEN);
  }

  /** Starts the build in a child JVM and returns once the engine command it runs hangs. */
  private void startBuildUntilItHangs(StandInEngine engine, Path work, Path log) throws Exception {
    Path context = TestProject.write(tmp.resolve("app"), "busybox", "deps-1");
    jvm =
        TestJvm.start(
            log,
            StoppedImageBuildMain.class,
            context.toString(),
            engine.client.toString(),
            work.toString());
    TestJvm.awaitFile(jvm, engine.dir.resolve("hang.child"), log);
  }
}
