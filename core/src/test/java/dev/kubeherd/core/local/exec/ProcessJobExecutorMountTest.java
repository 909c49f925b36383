package dev.kubeherd.core.local.exec;

import static dev.kubeherd.core.local.exec.Jobs.job;
import static dev.kubeherd.core.local.exec.ProcessJobExecutorTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.JobResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mounts of the process runtime. Needs mount namespaces (root or user namespaces): where {@code
 * unshare --mount} itself fails these tests are skipped, except the fallback one.
 */
class ProcessJobExecutorMountTest {
  @TempDir Path tmp;
  private Path work;
  private Path source;
  private final RecordingSink sink = new RecordingSink();

  @BeforeEach
  void setUp() throws Exception {
    work = tmp.resolve("work");
    source = Files.createDirectories(tmp.resolve("the 'source' dir"));
    Files.writeString(source.resolve("README"), "hello from the checkout\n");
  }

  @Test
  void showsTheCheckoutAtSrcAndStartsThere() throws Exception {
    assumeMountNamespaces();
    JobResult result =
        run(
            new ProcessJobExecutor(work),
            job("src").mount(source, "/src").tasks("pwd", "cd /src && cat README"));
    assertThat(result.log()).isEqualTo("/src\nhello from the checkout\n");
  }

  @Test
  void sharesBuildStorageBetweenJobs() throws Exception {
    assumeMountNamespaces();
    Path share = Files.createDirectories(tmp.resolve("share"));
    ProcessJobExecutor executor = new ProcessJobExecutor(work);
    String path = "/mnt/brigade/share";
    JobResult write =
        run(executor, job("writer").mount(share, path).tasks("echo artifact > " + path + "/out"));
    JobResult read = run(executor, job("reader").mount(share, path).tasks("cat " + path + "/out"));
    assertThat(write.succeeded()).isTrue();
    assertThat(read.log()).isEqualTo("artifact\n");
  }

  @Test
  void keepsTheCacheAcrossExecutors() throws Exception {
    assumeMountNamespaces();
    Path cache = Files.createDirectories(tmp.resolve("cache"));
    String path = "/mnt/brigade/cache";
    run(
        new ProcessJobExecutor(work),
        job("fill").mount(cache, path).tasks("echo warm > " + path + "/c"));
    JobResult read =
        run(
            new ProcessJobExecutor(tmp.resolve("other")),
            job("use").mount(cache, path).tasks("cat " + path + "/c"));
    assertThat(read.log()).isEqualTo("warm\n");
  }

  @Test
  void withoutMountNamespacesRunsInTheHostCheckoutWithMountVariables() throws Exception {
    Path share = Files.createDirectories(tmp.resolve("share"));
    ProcessJobExecutor executor = new ProcessJobExecutor(work, 2, Optional::empty);
    JobResult result =
        run(
            executor,
            job("fallback")
                .mount(source, "/src")
                .mount(share, "/mnt/brigade/share")
                .tasks(
                    "pwd",
                    "cat README",
                    "echo \"$KUBEHERD_MOUNT_SRC\"",
                    "echo \"$KUBEHERD_MOUNT_MNT_BRIGADE_SHARE\""));
    assertThat(result.log())
        .isEqualTo(
            String.join(
                "\n",
                source.toString(),
                "hello from the checkout",
                source.toString(),
                share.toString(),
                ""));
  }

  @Test
  void failsWithAnExplanationForARelativeMountPath() throws Exception {
    JobResult result =
        run(
            new ProcessJobExecutor(work, 2, Optional::empty),
            job("bad").mount(source, "src").tasks("true"));
    assertThat(result.succeeded()).isFalse();
    assertThat(result.log()).contains("mount path 'src' must be an absolute directory");
  }

  private JobResult run(ProcessJobExecutor executor, Jobs job) throws Exception {
    return await(executor.start(job.build(), sink));
  }

  private static void assumeMountNamespaces() throws Exception {
    Process probe =
        new ProcessBuilder("unshare", "--mount", "--propagation", "private", "true")
            .redirectErrorStream(true)
            .start();
    Assumptions.assumeTrue(
        probe.waitFor() == 0,
        "unshare --mount fails here (not root?): mount namespace tests skipped");
  }
}
