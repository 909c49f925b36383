package dev.kubeherd.toolkit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engine commands that never end (a hung registry, a build step stuck in a loop), against a
 * stand-in docker client: each is stopped at the engine timeout with its child processes, the
 * message names the command, the timeout and the setting, and a stuck step's container is removed.
 */
class ImageEngineTimeoutTest {
  static final String IMAGE = "registry.example.com/team/app:builder-cache";

  @TempDir Path tmp;

  @Test
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aHungPullIsStoppedWithItsChildrenNamingTheTimeoutAndTheSetting() throws Exception {
    StandInEngine engine = StandInEngine.hangingOn(tmp.resolve("bin"), "pull");
    CliEngine cli = new CliEngine(engine.client, Map.of("PATH", "/usr/bin:/bin"), seconds(2));

    assertThatThrownBy(() -> cli.pull(IMAGE))
        .isInstanceOf(ImageBuildException.class)
        .hasMessage(
            "docker pull -q "
                + IMAGE
                + " did not finish within 2s and was stopped; if it needs longer, raise"
                + " --engine-timeout (KUBEHERD_ENGINE_TIMEOUT, engine-timeout: in kubeherd.yaml)."
                + " Its last lines:\nstill running")
        .satisfies(e -> assertThat(((ImageBuildException) e).exitCode()).isEqualTo(1));
    assertEnded(engine.hangingPids().orElseThrow());
  }

  @Test
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aBuildStepRunningPastTheTimeoutIsStoppedAndItsContainerAndSecretsRemoved() throws Exception {
    StandInEngine engine = StandInEngine.hangingOn(tmp.resolve("bin"), "start");
    CliEngine cli = new CliEngine(engine.client, Map.of("PATH", "/usr/bin:/bin"), seconds(2));
    Path work = Files.createDirectories(tmp.resolve("work"));
    List<String> progress = new CopyOnWriteArrayList<>();
    ImageBuildOptions options =
        ImageBuildOptions.builder()
            .context(TestProject.write(tmp.resolve("app"), "busybox", "deps-1"))
            .repository("registry.example.com/team/app")
            .workDir(work)
            .build();

    assertThatThrownBy(
            () ->
                new ImageBuild(cli, cli, Clock.systemUTC(), progress::add)
                    .run(options, Optional.of(new GithubCredentials("bot", "ghp_token42"))))
        .isInstanceOf(ImageBuildException.class)
        .hasMessageStartingWith(
            "docker start -a " + engine.firstContainer() + " did not finish within 2s");

    assertThat(engine.calls()).contains("rm -f " + engine.firstContainer());
    assertEnded(engine.hangingPids().orElseThrow());
    assertThat(work).isEmptyDirectory();
  }

  private static Duration seconds(int n) {
    return Duration.ofSeconds(n);
  }

  private static void assertEnded(List<Long> pids) {
    for (long pid : pids) {
      ProcessHandle.of(pid)
          .ifPresent(
              p ->
                  assertThat(p.onExit())
                      .as("process %d", pid)
                      .succeedsWithin(Duration.ofSeconds(5)));
    }
  }
}
