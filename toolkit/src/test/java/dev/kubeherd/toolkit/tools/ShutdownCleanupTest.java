package dev.kubeherd.toolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.toolkit.ToolkitException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The rules of the clean-ups run when the JVM is stopped (what {@code SyncStopTest} and {@code
 * ImageBuildStopTest} see from outside with SIGTERM): newest first, closed ones not at all, nothing
 * new once stopping except what the clean-ups themselves start.
 */
class ShutdownCleanupTest {
  final ShutdownCleanup cleanup = new ShutdownCleanup();
  final List<String> ran = new CopyOnWriteArrayList<>();

  @Test
  void stoppingRunsWhatIsStillRegisteredNewestFirst() throws Exception {
    cleanup.add("the decrypted secrets of /scratch/s1", () -> ran.add("secrets"));
    ShutdownCleanup.Registration done = cleanup.add("sops", () -> ran.add("sops"));
    cleanup.add("helmfile sync (in /repo)", () -> ran.add("helmfile"));
    done.close();

    stop();

    assertThat(ran).containsExactly("helmfile", "secrets");
  }

  @Test
  void whatIsRegisteredWhileStoppingIsCleanedUpAtOnceAndRefused() throws Exception {
    stop();

    assertThatThrownBy(() -> cleanup.add("helmfile sync (in /repo)", () -> ran.add("helmfile")))
        .isInstanceOf(ToolkitException.class)
        .hasMessage(
            "kubeherd is stopping (SIGTERM or Ctrl-C): helmfile sync (in /repo) was cleaned up at"
                + " once")
        .satisfies(e -> assertThat(((ToolkitException) e).exitCode()).isEqualTo(1));
    assertThat(ran).containsExactly("helmfile");
  }

  @Test
  void aCleanUpMayStartWhatItNeedsWhileStopping() throws Exception {
    cleanup.add(
        "container kubeherd-app-1-builder",
        () -> {
          cleanup.add("docker rm -f kubeherd-app-1-builder", () -> ran.add("refused")).close();
          ran.add("container removed");
        });

    stop();

    assertThat(ran).containsExactly("container removed");
  }

  @Test
  void aCommandStartedByACleanUpIsBoundedByTheCommandLimitNotItsUsualTimeout() throws Exception {
    List<Duration> timeouts = new CopyOnWriteArrayList<>();
    cleanup.add(
        "container kubeherd-app-1-builder",
        () -> {
          timeouts.add(cleanup.timeoutFor(Duration.ofMinutes(30)));
          timeouts.add(cleanup.timeoutFor(Duration.ofSeconds(3)));
        });
    assertThat(cleanup.timeoutFor(Duration.ofMinutes(30))).isEqualTo(Duration.ofMinutes(30));

    stop();

    assertThat(timeouts).containsExactly(ShutdownCleanup.COMMAND_LIMIT, Duration.ofSeconds(3));
    assertThat(ShutdownCleanup.COMMAND_LIMIT).isEqualTo(Duration.ofSeconds(20));
  }

  /** Stops as the JVM's shutdown hook does: on a thread of its own. */
  private void stop() throws InterruptedException {
    Thread.ofPlatform().start(cleanup::stop).join();
  }
}
