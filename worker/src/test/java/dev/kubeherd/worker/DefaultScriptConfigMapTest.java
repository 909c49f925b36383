package dev.kubeherd.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.local.exec.ProcessJobExecutor;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.worker.kube.PodWorkspaces;
import dev.kubeherd.worker.run.BuildWorker;
import dev.kubeherd.worker.run.LocalWorkspaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A project's {@code defaultScriptName} ConfigMap, mounted by the controller at {@code
 * /etc/brigade-default-script}, is the last place a worker pod looks for brigade.js (contract
 * §4.1.2); a configured but unreadable one fails the build instead of passing silently.
 */
class DefaultScriptConfigMapTest extends WorkerTest {
  Path configMap;

  @BeforeEach
  void podWorker() throws Exception {
    configMap = Files.createDirectories(dir.resolve("etc-brigade-default-script"));
    harness.worker =
        new BuildWorker(
            harness.projects,
            harness.builds,
            harness.logs,
            new ProcessJobExecutor(dir.resolve("jobs")),
            PodWorkspaces.inPod(dir.resolve("vcs"), dir.resolve("scratch"), configMap),
            Clock.systemUTC());
    harness.with("defaultScriptName", "ci-script");
  }

  private WorkerHarness.Run runWithoutScript() {
    return harness.run(BuildRequest.of(harness.projectId(), "exec", "brigade-cli"));
  }

  @Test
  void theConfigMapsBrigadeJsRunsWhenNothingElseIsFound() throws Exception {
    Files.writeString(
        configMap.resolve("brigade.js"),
        """
        const { events } = require("brigadier");
        events.on("exec", () => console.log("configmap script ran"));
        """);

    var run = runWithoutScript();

    assertThat(run.succeeded()).as(run.log()).isTrue();
    assertThat(run.log())
        .contains("configmap script ran")
        .contains("(project defaultScriptName ConfigMap ci-script)");
  }

  @Test
  void theInlineDefaultScriptComesBeforeTheConfigMap() throws Exception {
    Files.writeString(configMap.resolve("brigade.js"), "console.log('configmap script ran')");
    harness.with("defaultScript", "console.log('inline default ran')");

    var run = runWithoutScript();

    assertThat(run.log()).contains("inline default ran").doesNotContain("configmap script ran");
  }

  @Test
  void aConfigMapWithoutTheBrigadeJsKeyFailsTheBuildSayingSo() throws Exception {
    Files.writeString(configMap.resolve("script.js"), "console.log('wrong key')");

    var run = runWithoutScript();

    assertThat(run.status().phase()).isEqualTo(BuildPhase.FAILED);
    assertThat(run.status().message())
        .contains("defaultScriptName")
        .contains("ci-script")
        .contains("brigade.js");
    assertThat(run.log()).contains(run.status().message()).doesNotContain("wrong key");
  }

  @Test
  void aLocalWorkerCannotReadTheConfigMapAndFailsTheBuildInsteadOfRunningNothing() {
    harness.worker =
        new BuildWorker(
            harness.projects,
            harness.builds,
            harness.logs,
            new ProcessJobExecutor(dir.resolve("jobs")),
            new LocalWorkspaces(harness.home),
            Clock.systemUTC());

    var run = runWithoutScript();

    assertThat(run.status().phase()).isEqualTo(BuildPhase.FAILED);
    assertThat(run.status().message()).contains("ci-script").contains("defaultScript");
  }
}
