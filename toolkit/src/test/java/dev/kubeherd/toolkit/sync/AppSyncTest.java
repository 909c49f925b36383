package dev.kubeherd.toolkit.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.toolkit.ToolkitException;
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
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The variables {@code sync app} gives helmfile, from a real git repository. */
class AppSyncTest {
  static final PersonIdent WHO = new PersonIdent("Test", "test@example.com");

  @TempDir Path tmp;
  StandIns tools;
  Path repo;
  final List<String> output = new CopyOnWriteArrayList<>();

  @BeforeEach
  void anAppRepositoryTaggedWithBuildMetadata() throws Exception {
    tools = new StandIns(tmp.resolve("bin"));
    tools.add("helmfile", "exit 0");
    repo = Files.createDirectories(tmp.resolve("app")).toRealPath();
    Files.createDirectories(repo.resolve("ci/environments/test"));
    Files.writeString(repo.resolve("ci/environments/test/values.yaml"), "replicas: 1\n");
    Files.writeString(repo.resolve("ci/helmfile.yaml"), "releases: []\n");
    try (Git git = Git.init().setDirectory(repo.toFile()).call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("app").setAuthor(WHO).setCommitter(WHO).call();
      git.tag().setName("1.2.0+build.7").setAnnotated(false).call();
    }
  }

  private String sync(Optional<String> gitTag) throws Exception {
    ToolRunner runner =
        new ToolRunner(
            Map.of("PATH", tools.bin + ":/usr/bin:/bin"), ExternalTool::command, output::add);
    SyncOptions options =
        new SyncOptions(
            repo, "test", "k8stest1", Optional.empty(), false, tmp.resolve("scratch"), false);
    return new AppSync(runner, output::add).run(options, gitTag);
  }

  @Test
  void helmfileGetsTheImageTagAsGitTagAndTheDescribeOutputAsGitDescribe() throws Exception {
    assertThat(sync(Optional.empty())).isEqualTo("1.2.0-build.7");

    assertThat(tools.env("helmfile"))
        .containsEntry("ENV", "test")
        .containsEntry("CLUSTER", "k8stest1")
        .containsEntry("GIT_TAG", "1.2.0-build.7")
        .containsEntry("GIT_DESCRIBE", "1.2.0+build.7");
  }

  @Test
  void aGivenGitTagIsDeployedAndGitDescribeStillComesFromTheRepository() throws Exception {
    assertThat(sync(Optional.of("1.2.0-rc1"))).isEqualTo("1.2.0-rc1");

    assertThat(tools.env("helmfile"))
        .containsEntry("GIT_TAG", "1.2.0-rc1")
        .containsEntry("GIT_DESCRIBE", "1.2.0+build.7");
  }

  @Test
  void anEnvironmentTheAppRepositoryDoesNotHaveIsNamedWithTheOnesItHas() throws Exception {
    Files.createDirectories(repo.resolve("ci/environments/production"));
    ToolRunner runner =
        new ToolRunner(
            Map.of("PATH", tools.bin + ":/usr/bin:/bin"), ExternalTool::command, output::add);
    SyncOptions prod =
        new SyncOptions(
            repo, "prod", "k8stest1", Optional.empty(), false, tmp.resolve("scratch"), false);

    assertThatThrownBy(() -> new AppSync(runner, output::add).run(prod))
        .isInstanceOf(ToolkitException.class)
        .hasMessage(
            "environment prod is not in the app repository "
                + repo
                + ": it has no ci/environments/prod (environments: production, test); pass one"
                + " of those as --environment, or add ci/environments/prod");
    assertThat(tools.calls()).noneMatch(c -> c.startsWith("helmfile"));
  }
}
