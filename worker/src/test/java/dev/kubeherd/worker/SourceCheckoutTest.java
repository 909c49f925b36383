package dev.kubeherd.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.local.exec.ProcessJobExecutor;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Revision;
import dev.kubeherd.worker.kube.PodWorkspaces;
import dev.kubeherd.worker.run.BuildWorker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceCheckoutTest {
  @TempDir Path dir;
  WorkerHarness harness;
  Path origin;

  @BeforeEach
  void setUp() throws Exception {
    harness = new WorkerHarness(dir.resolve("home"));
    origin = dir.resolve("origin");
    try (Git git = Git.init().setDirectory(origin.toFile()).setInitialBranch("master").call()) {
      Files.createDirectories(origin.resolve("lib"));
      Files.writeString(origin.resolve("README"), "version one\n");
      Files.writeString(origin.resolve("lib/util.js"), "exports.greet = (n) => 'hello ' + n;\n");
      Files.writeString(
          origin.resolve("lib/tool.js"), "#!/usr/bin/env node\nexports.name = 'cjs tool';\n");
      Files.writeString(
          origin.resolve("lib/tool.mjs"), "#!/usr/bin/env node\nexport const name = 'esm tool';\n");
      Files.writeString(
          origin.resolve("brigade.js"),
          """
          const { events, Job } = require("brigadier");
          const util = require("./lib/util");
          events.on("push", async () => {
            console.log(util.greet("repo"));
            const j = new Job("read-src", "alpine", ["cd /src", "cat README"]);
            console.log("job saw:", String(await j.run()).trim());
          });
          """);
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("one")
          .setAuthor("t", "t@example.com")
          .setCommitter("t", "t@example.com")
          .call();
      git.tag().setName("v1").call();
      Files.writeString(origin.resolve("README"), "version two\n");
      git.commit()
          .setAll(true)
          .setMessage("two")
          .setAuthor("t", "t@example.com")
          .setCommitter("t", "t@example.com")
          .call();
    }
    harness
        .with("cloneURL", origin.toUri().toString())
        .with("repository", "github.com/kubeherd/test-project");
  }

  @Test
  void runsTheRepositoryScriptWithRelativeRequiresAndJobsSeeTheCheckoutAtSrc() {
    var run = harness.runAt("push", Revision.ofRef("refs/heads/master"));
    assertThat(run.succeeded()).as(run.log()).isTrue();
    assertThat(run.log()).contains("hello repo").contains("job saw: version two");
  }

  @Test
  void modulesOfTheCheckoutMayStartWithAHashbangLine() {
    var cjs =
        harness.run(
            BuildRequest.of(harness.projectId(), "push", "cli")
                .withRevision(Revision.ofRef("refs/heads/master"))
                .withScript("console.log('required', require('./lib/tool').name);"));
    var esm =
        harness.run(
            BuildRequest.of(harness.projectId(), "push", "cli")
                .withRevision(Revision.ofRef("refs/heads/master"))
                .withScript(
                    "#!/usr/bin/env node\nimport { name } from './lib/tool.mjs';\n"
                        + "console.log('imported', name);"));
    assertThat(cjs.succeeded()).as(cjs.log()).isTrue();
    assertThat(cjs.log()).contains("required cjs tool");
    assertThat(esm.succeeded()).as(esm.log()).isTrue();
    assertThat(esm.log()).contains("imported esm tool");
  }

  @Test
  void checksOutTheEventsRefSuchAsATag() {
    var run = harness.runAt("push", Revision.ofRef("refs/tags/v1"));
    assertThat(run.log()).contains("job saw: version one");
  }

  @Test
  void sharedStorageAndCacheAreVisibleToJobs() {
    harness.with("defaultScript", "");
    var first =
        harness.run(
            """
            const { events, Job } = require("brigadier");
            events.on("exec", async () => {
              const w = new Job("writer", "", ["echo shared > /mnt/brigade/share/f", "echo cached >> /mnt/brigade/cache/c"]);
              w.storage.enabled = true; w.cache.enabled = true; w.useSource = false;
              await w.run();
              const r = new Job("reader", "", ["cat /mnt/brigade/share/f"]);
              r.storage.enabled = true; r.useSource = false;
              console.log("reader saw:", String(await r.run()).trim());
            });
            """);
    assertThat(first.log()).as(first.log()).contains("reader saw: shared");
    var second =
        harness.run(
            """
            const { events, Job } = require("brigadier");
            events.on("exec", async () => {
              const w = new Job("writer", "", ["wc -l < /mnt/brigade/cache/c"]);
              w.cache.enabled = true; w.useSource = false;
              console.log("cache lines:", String(await w.run()).trim());
            });
            """);
    assertThat(second.log()).contains("cache lines: 1");
  }

  @Test
  void aProjectWithAnEmptyVcsSidecarIsNeverClonedAndRunsItsDefaultScript() {
    // as brig writes a no-VCS project: vcsSidecar "" but still a cloneURL (here one that cannot
    // be cloned, so any attempt fails the build)
    harness
        .with("cloneURL", dir.resolve("no-such-repository").toUri().toString())
        .with("vcsSidecar", "")
        .with("defaultScript", "console.log('default script ran')");

    var run = harness.run(BuildRequest.of(harness.projectId(), "exec", "brigade-cli"));

    assertThat(run.succeeded()).as(run.log()).isTrue();
    assertThat(run.log())
        .contains("default script ran")
        .doesNotContain("checked out")
        .doesNotContain("checking out");
    assertThat(harness.home.buildDir(run.buildId()).resolve("src")).doesNotExist();
  }

  @Test
  void kubernetesWorkersCloneOnlyWhenTheProjectHasAVcsSidecar() {
    harness.worker =
        new BuildWorker(
            harness.projects,
            harness.builds,
            harness.logs,
            new ProcessJobExecutor(dir.resolve("jobs")),
            PodWorkspaces.perBuild(dir.resolve("pool")),
            Clock.systemUTC());
    harness.with("defaultScript", "console.log('default script ran')");

    var absent = harness.runAt("push", Revision.ofRef("refs/heads/master"));
    assertThat(absent.succeeded()).as(absent.log()).isTrue();
    assertThat(absent.log()).contains("default script ran").doesNotContain("checked out");
    assertThat(dir.resolve("pool").resolve(absent.buildId()).resolve("src")).doesNotExist();

    harness.with("vcsSidecar", "brigadecore/git-sidecar:latest");
    var withSidecar = harness.runAt("push", Revision.ofRef("refs/heads/master"));
    assertThat(withSidecar.log()).contains("checked out").contains("hello repo");
  }
}
