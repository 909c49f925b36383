package dev.kubeherd.worker.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.service.BuildCancel;
import dev.kubeherd.kube.store.SecretBuildStore;
import dev.kubeherd.kube.store.SecretProjectStore;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker pod's entry point on the Secret-backed stores, against the mock API server. */
@EnableMockKube
class KubeWorkerMockKubeTest {
  static KubernetesClient client;
  static final String NS = "kube-worker";
  static final String PROJECT = ProjectIds.fromName("brigadecore/empty-testbed");

  @TempDir Path dir;

  @Test
  void aBuildCancelledBeforeItsWorkerStartedIsNotRun() throws Exception {
    new SecretProjectStore(client, NS)
        .create(
            new Project(
                PROJECT,
                "brigadecore/empty-testbed",
                NS,
                Map.of("cloneURL", dir.resolve("no-such-repo").toUri().toString())));
    SecretBuildStore builds = new SecretBuildStore(client, NS, Clock.systemUTC());
    Build build =
        builds.create(
            BuildRequest.of(PROJECT, "exec", "brigade-cli")
                .withScript("console.log('the script ran');"));
    builds.claim(build.id(), build.workerName()); // the controller claimed it, made its pod
    new BuildCancel(builds, Clock.systemUTC()) // which waits for its image meanwhile
        .cancel(build.id(), "brig-1", "stopped by me");
    Path workspace = Files.createDirectories(dir.resolve("vcs"));
    StringWriter out = new StringWriter();

    BuildStatus status =
        new KubeWorker(client, Clock.systemUTC())
            .run(
                Map.of(
                    "BRIGADE_BUILD_ID",
                    build.id(),
                    "BRIGADE_PROJECT_ID",
                    PROJECT,
                    "BRIGADE_PROJECT_NAMESPACE",
                    NS,
                    "BRIGADE_WORKSPACE",
                    workspace.toString()),
                dir.resolve("scratch"),
                new PrintWriter(out, true));

    assertThat(status.phase()).isEqualTo(BuildPhase.FAILED);
    assertThat(status.exitCode()).contains(BuildCancel.EXIT_CODE);
    assertThat(status.message()).isEqualTo("stopped by me");
    assertThat(out.toString())
        .isEqualTo(
            "[brigade] build "
                + build.id()
                + " ended (Failed: stopped by me) before its worker started; nothing to run"
                + System.lineSeparator());
    try (Stream<Path> files = Files.list(workspace)) {
      assertThat(files).isEmpty(); // nothing checked out
    }
    assertThat(client.configMaps().inNamespace(NS).list().getItems()).isEmpty(); // no worker log
  }
}
