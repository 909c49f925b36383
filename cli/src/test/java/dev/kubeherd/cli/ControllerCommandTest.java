package dev.kubeherd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.cli.CliHarness.Result;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubeherd controller's v1-style settings and its help. */
class ControllerCommandTest {
  @TempDir Path home;

  @Test
  void theShutdownHookReturnsOnlyOnceTheAppHasClosed() throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    Thread hook =
        new Thread(() -> ControllerCommand.stopAndAwait(stopped, closed), "controller-stop");

    hook.start();
    assertThat(stopped.await(5, TimeUnit.SECONDS)).isTrue(); // the command starts closing
    hook.join(500);
    assertThat(hook.isAlive()).isTrue(); // the JVM would halt once the hook returns

    closed.countDown();
    hook.join(5_000);
    assertThat(hook.isAlive()).isFalse();
  }

  @Test
  void takesV1GoFlagsInEitherSpelling() {
    assertThat(
            ControllerCommand.flags(
                List.of(
                    "-namespace", "ci", "--worker-image=me/worker:1", "-max-running-builds", "3")))
        .containsEntry("namespace", "ci")
        .containsEntry("worker-image", "me/worker:1")
        .containsEntry("max-running-builds", "3");
  }

  @Test
  void anUnknownSettingOrAMissingValueSaysWhatToDo() {
    assertThatThrownBy(() -> ControllerCommand.flags(List.of("-worker-imag", "x")))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("unknown controller setting -worker-imag")
        .hasMessageContaining("--help");
    assertThatThrownBy(() -> ControllerCommand.flags(List.of("-namespace")))
        .hasMessageContaining("setting -namespace needs a value");
  }

  @Test
  void anInvalidSettingIsReportedBeforeConnecting() {
    Result r = new CliHarness(home).kubeherd("controller", "-max-running-builds", "lots");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("max-running-builds");
  }

  @Test
  void helpListsEverySettingWithItsEnvironmentVariable() {
    Result r = new CliHarness(home).kubeherd("controller", "--help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("  -worker-image\n      env BRIGADE_WORKER_IMAGE, default")
        .contains(
            "  -max-running-builds-per-project\n"
                + "      env KUBEHERD_MAX_RUNNING_BUILDS_PER_PROJECT, default \"5\"");
  }
}
