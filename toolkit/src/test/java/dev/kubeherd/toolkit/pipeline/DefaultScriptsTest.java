package dev.kubeherd.toolkit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.toolkit.ToolkitException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default-script precedence of the master and worker levels (§2.9, §2.10). */
class DefaultScriptsTest {
  @TempDir Path dir;

  private ClassLoader bundled(String name, String text) throws Exception {
    Path root = dir.resolve("classes");
    Path file = root.resolve(DefaultScripts.BUNDLED_DIR + name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
  }

  private Path repoDir() throws Exception {
    return Files.createDirectories(dir.resolve("environments/test/cluster-infra"));
  }

  @Test
  void masterPrefersBrigadeJsThenTheRepoMasterDefaultThenTheBundledOne() throws Exception {
    Path path = repoDir();
    DefaultScripts scripts =
        new DefaultScripts(bundled(DefaultScripts.MASTER_DEFAULT, "// bundled master"));

    assertThat(scripts.master(path))
        .isEqualTo(
            new DefaultScripts.Script("bundled brigade.master.default.js", "// bundled master"));
    Files.writeString(path.resolve("brigade.master.default.js"), "// repo master default");
    assertThat(scripts.master(path).text()).isEqualTo("// repo master default");
    Files.writeString(path.resolve("brigade.js"), "// repo brigade.js");
    assertThat(scripts.master(path))
        .isEqualTo(
            new DefaultScripts.Script(path.resolve("brigade.js").toString(), "// repo brigade.js"));
  }

  @Test
  void workerPrefersTheMasterReposWorkerDefaultOverTheBundledAppDefault() throws Exception {
    Path path = repoDir();
    DefaultScripts scripts =
        new DefaultScripts(bundled(DefaultScripts.BUNDLED_WORKER, "// bundled app default"));
    Files.writeString(path.resolve("brigade.js"), "// the master's own script, not for workers");

    assertThat(scripts.worker(path).text()).isEqualTo("// bundled app default");
    Files.writeString(path.resolve("brigade.worker.default.js"), "// repo worker default");
    assertThat(scripts.worker(path).text()).isEqualTo("// repo worker default");
  }

  @Test
  void withoutAnyScriptTheErrorNamesTheFilesAndTheFix() throws Exception {
    Path path = repoDir();
    DefaultScripts scripts = new DefaultScripts(new URLClassLoader(new URL[0], null));

    assertThatThrownBy(() -> scripts.worker(path))
        .isInstanceOf(ToolkitException.class)
        .hasMessageContaining("brigade.worker.default.js")
        .hasMessageContaining("add " + path.resolve("brigade.worker.default.js"))
        .extracting(e -> ((ToolkitException) e).exitCode())
        .isEqualTo(2);
    assertThat(scripts.bundledMaster()).isEmpty();
  }
}
