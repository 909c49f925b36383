package dev.kubeherd.core.local.exec;

import static dev.kubeherd.core.local.exec.Jobs.job;
import static dev.kubeherd.core.local.exec.ProcessJobExecutorTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.JobResult;
import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.core.port.JobExecutor.JobHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ContainerJobExecutor} against real podman. Needs the engine prepared by {@code
 * bin/container-engine-setup}, whose exported variables must be in the environment.
 */
class ContainerJobExecutorIT {
  private static final String ENGINE = "podman";
  private static String image;

  @TempDir Path tmp;
  private ContainerJobExecutor executor;
  private final RecordingSink sink = new RecordingSink();

  @BeforeAll
  static void needsTheTestEngine() {
    image = System.getenv("KUBEHERD_TEST_BASE_IMAGE");
    if (image == null || image.isEmpty()) {
      throw new IllegalStateException(
          "KUBEHERD_TEST_BASE_IMAGE is not set: run the tests with bin/test, which runs"
              + " bin/container-engine-setup and exports the variables it prints");
    }
  }

  @BeforeEach
  void setUp() {
    executor = new ContainerJobExecutor(ENGINE, tmp.resolve("work"), 2);
  }

  @Test
  void runsTasksInTheImageWithTheJobEnvironment() throws Exception {
    JobSpec spec =
        job("hello")
            .image(image)
            .env("GREETING", "hello from busybox")
            .env("KEY", "line one\nline two")
            .tasks("echo \"$GREETING\"", "echo \"$KEY\"")
            .build();
    JobResult result = await(executor.start(spec, sink));
    assertThat(result)
        .isEqualTo(JobResult.success(spec.podName(), "hello from busybox\nline one\nline two\n"));
    assertThat(sink.text()).isEqualTo(result.log());
  }

  @Test
  void theHookStaysReadableForAContainerUserThatIsNotThisUser() throws Exception {
    JobSpec spec = job("hook").image(image).tasks("ls -ld /hook /hook/main.sh").build();
    JobResult result = await(executor.start(spec, sink));
    assertThat(result.log().lines().map(line -> line.split(" ")[0]))
        .as(result.log())
        .containsExactly("drwxr-xr-x", "-rw-r--r--");
  }

  @Test
  void showsTheCheckoutAtSrc() throws Exception {
    Path source = Files.createDirectories(tmp.resolve("source dir"));
    Files.writeString(source.resolve("README"), "checked out\n");
    JobSpec spec = job("src").image(image).mount(source, "/src").tasks("pwd", "cat README").build();
    assertThat(await(executor.start(spec, sink)).log()).isEqualTo("/src\nchecked out\n");
  }

  @Test
  void failsWithTheV1FailureOnANonZeroExit() throws Exception {
    JobSpec spec = job("fails").image(image).tasks("echo before", "exit 3", "echo after").build();
    JobResult result = await(executor.start(spec, sink));
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.log()).isEqualTo("before\n");
    assertThat(result.failure())
        .isEqualTo("Error: Pod " + spec.podName() + " failed to run to completion");
  }

  @Test
  void timeoutRemovesTheContainer() throws Exception {
    JobSpec spec =
        job("slow")
            .image(image)
            .timeout(Duration.ofSeconds(2))
            .tasks("echo started", "sleep 100")
            .build();
    JobResult result = await(executor.start(spec, sink));
    assertThat(result.failure()).isEqualTo("Error: time limit (2000 ms) exceeded");
    assertThat(containersNamed(spec.podName())).isEmpty();
  }

  @Test
  void aContainerJobLeftRunningByADeadProcessIsRemovedWithItsClient() throws Exception {
    JobSpec spec = job("orphan").image(image).tasks("echo started", "sleep 100").build();
    JobHandle handle = executor.start(spec, sink);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!sink.text().contains("started") && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(containersNamed(spec.podName())).isEqualTo(spec.podName());

    int stopped = new JobGroups(WorkDir.chosen(tmp.resolve("work"))).stopJobsOf(spec.buildId());

    assertThat(stopped).isEqualTo(1);
    assertThat(containersNamed(spec.podName())).isEmpty();
    assertThat(handle.completion().toCompletableFuture().get(60, TimeUnit.SECONDS).succeeded())
        .isFalse();
  }

  private static String containersNamed(String name) throws Exception {
    Process ps =
        new ProcessBuilder(ENGINE, "ps", "-a", "--format", "{{.Names}}", "--filter", "name=" + name)
            .redirectErrorStream(true)
            .start();
    String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ps.waitFor()).as("podman ps: %s", out).isZero();
    return out.strip();
  }
}
