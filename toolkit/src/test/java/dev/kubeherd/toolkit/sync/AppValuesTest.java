package dev.kubeherd.toolkit.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.git.GitAuth;
import dev.kubeherd.toolkit.git.GitCheckouts;
import dev.kubeherd.toolkit.tools.ExternalTool;
import dev.kubeherd.toolkit.tools.StandIns;
import dev.kubeherd.toolkit.tools.ToolRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sync worker}'s {@code APP_VALUES_DIR} from a real app repository (JGit, over file://): the
 * app team's repository cannot make the app-infra helmfile read a file of the machine running the
 * sync (a service account token, the cluster repo's decrypted secrets) through a symbolic link.
 */
class AppValuesTest {
  static final String SECRET = "token: OPERATOR-SECRET";

  @TempDir Path tmp;
  StandIns tools;
  Path repo;
  Path app;
  Path scratch;
  Path outside;
  final List<String> output = new CopyOnWriteArrayList<>();

  @BeforeEach
  void stage() throws Exception {
    tools = new StandIns(tmp.resolve("bin"));
    tools.add("helmfile", "echo \"values: $(cat \"$APP_VALUES_DIR/brigade.values.yaml\")\"");
    repo = Files.createDirectories(tmp.resolve("cluster")).toRealPath();
    Path infra = Files.createDirectories(repo.resolve("environments/test/app-infra"));
    Files.writeString(infra.resolve("helmfile.yaml"), "releases: []\n");
    app = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(
        infra.resolve("apps.yaml"), "services:\n  shop:\n    repository: " + app.toUri() + "\n");
    outside = Files.createDirectories(tmp.resolve("var/run/secrets/test"));
    Files.writeString(outside.resolve("brigade.values.yaml"), SECRET + "\n");
    scratch = Files.createDirectories(tmp.resolve("scratch"));
  }

  private void sync() throws InterruptedException {
    ToolRunner runner =
        new ToolRunner(
            Map.of("PATH", tools.bin + ":/usr/bin:/bin"), ExternalTool::command, output::add);
    new ClusterSync(
            runner, new GitCheckouts(scratch, output::add), url -> GitAuth.none(), output::add)
        .worker(
            new SyncOptions(repo, "test", "k8stest1", Optional.empty(), false, scratch, false),
            "shop",
            Optional.empty());
  }

  /** Commits the app repository's work tree as its default branch. */
  private void commitApp() throws Exception {
    try (Git git = Git.init().setDirectory(app.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("values").setAuthor("a", "a@b").setCommitter("a", "a@b").call();
    }
  }

  private Path appDir(String path) throws Exception {
    return Files.createDirectories(app.resolve(path));
  }

  @Test
  void aRegularValuesFileIsWhatHelmfileReads() throws Exception {
    Files.writeString(appDir("ci/environments/test").resolve("brigade.values.yaml"), "n: 2\n");
    commitApp();

    sync();

    assertThat(output).contains("[helmfile] values: n: 2");
  }

  @Test
  void aValuesFileThatIsASymbolicLinkIsRefusedBeforeHelmfileRuns() throws Exception {
    Files.createSymbolicLink(
        appDir("ci/environments/test").resolve("brigade.values.yaml"),
        outside.resolve("brigade.values.yaml"));
    commitApp();

    assertThatThrownBy(this::sync)
        .isInstanceOf(ToolkitException.class)
        .hasMessage(
            "refusing ci/environments/test/brigade.values.yaml of "
                + app.toUri()
                + " as APP_VALUES_DIR: it is a symbolic link or not a regular file; commit the"
                + " file itself")
        .satisfies(e -> assertThat(((ToolkitException) e).exitCode()).isEqualTo(2));
    assertThat(tools.calls()).isEmpty();
    assertThat(output).noneMatch(l -> l.contains("OPERATOR-SECRET"));
    assertThat(scratch).isEmptyDirectory();
  }

  @Test
  void aValuesDirectoryReachedThroughASymbolicLinkOutOfTheCloneIsRefused() throws Exception {
    Files.createSymbolicLink(appDir("ci").resolve("environments"), outside.getParent());
    commitApp();

    assertThatThrownBy(this::sync)
        .isInstanceOf(ToolkitException.class)
        .hasMessageStartingWith(
            "refusing ci/environments/test/brigade.values.yaml of "
                + app.toUri()
                + " as APP_VALUES_DIR: its directory resolves to "
                + outside.toRealPath()
                + ", outside the repository")
        .satisfies(e -> assertThat(((ToolkitException) e).exitCode()).isEqualTo(2));
    assertThat(tools.calls()).isEmpty();
    assertThat(output).noneMatch(l -> l.contains("OPERATOR-SECRET"));
  }
}
