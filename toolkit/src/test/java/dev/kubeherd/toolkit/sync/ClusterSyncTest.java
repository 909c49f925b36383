package dev.kubeherd.toolkit.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.git.GitAuth;
import dev.kubeherd.toolkit.git.GitCheckouts;
import dev.kubeherd.toolkit.tools.ExternalTool;
import dev.kubeherd.toolkit.tools.StandIns;
import dev.kubeherd.toolkit.tools.ToolFailedException;
import dev.kubeherd.toolkit.tools.ToolNotInstalledException;
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

/** The directory rules and failure paths of {@code sync master} and {@code sync worker}. */
class ClusterSyncTest {
  @TempDir Path tmp;
  StandIns tools;
  Path repo;
  Path scratch;
  List<String> output = new CopyOnWriteArrayList<>();

  @BeforeEach
  void stage() throws Exception {
    tools = new StandIns(tmp.resolve("bin"));
    tools.add("sops", "echo 'password: hunter2-plain'");
    repo = Files.createDirectories(tmp.resolve("repo")).toRealPath();
    scratch = Files.createDirectories(tmp.resolve("scratch"));
  }

  private ClusterSync sync() {
    ToolRunner runner =
        new ToolRunner(
            Map.of("PATH", tools.bin + ":/usr/bin:/bin"), ExternalTool::command, output::add);
    return new ClusterSync(
        runner, new GitCheckouts(scratch, output::add), url -> GitAuth.none(), output::add);
  }

  private SyncOptions options() {
    return new SyncOptions(repo, "test", "k8stest1", Optional.empty(), false, scratch, false);
  }

  private Path dir(String path, String... files) throws Exception {
    Path dir = Files.createDirectories(repo.resolve(path));
    for (String f : files) {
      Files.writeString(dir.resolve(f), "x: 1\n");
    }
    return dir;
  }

  @Test
  void masterFallsBackToTheEnvironmentDirectoryWhenClusterInfraHasNoHelmfile() throws Exception {
    tools.add("helmfile", "exit 0");
    dir("environments/test/cluster-infra", "values.yaml");
    Path env = dir("environments/test", "helmfile.yaml");

    assertThat(sync().master(options())).isEmpty();

    assertThat(tools.cwd("helmfile")).isEqualTo(env);
    assertThat(tools.argv("helmfile")).containsExactly("--file", "helmfile.yaml", "sync");
    assertThat(tools.env("helmfile")).containsEntry("CLUSTER", "k8stest1");
  }

  @Test
  void masterWithoutAnyHelmfileIsExitTwoNamingBothDirectories() throws Exception {
    tools.add("helmfile", "exit 0");
    dir("environments/test/cluster-infra", "values.yaml");

    assertThatThrownBy(() -> sync().master(options()))
        .isInstanceOf(ToolkitException.class)
        .hasMessageStartingWith(
            "no helmfile in "
                + repo.resolve("environments/test/cluster-infra")
                + " nor in "
                + repo.resolve("environments/test"))
        .satisfies(e -> assertThat(((ToolkitException) e).exitCode()).isEqualTo(2));
    assertThat(tools.calls()).isEmpty();
  }

  @Test
  void workerUsesTheWorkerAliasDirectory() throws Exception {
    tools.add("helmfile", "exit 0");
    Path worker = dir("environments/test/worker", "helmfile");

    sync().worker(options(), "shop", Optional.empty());

    assertThat(tools.cwd("helmfile")).isEqualTo(worker);
    assertThat(tools.env("helmfile"))
        .containsEntry("APP", "shop")
        .containsEntry("CLUSTER", "k8stest1")
        .doesNotContainKey("APP_VALUES_DIR");
  }

  @Test
  void aPlaintextTargetTheRepositoryDoesNotIgnoreIsWarnedAbout() throws Exception {
    tools.add("helmfile", "exit 0");
    Git.init().setDirectory(repo.toFile()).call().close();
    Path infra =
        dir("environments/test/cluster-infra", "helmfile", "brigade-project.secrets.yaml.enc");

    sync().master(options());

    assertThat(output)
        .contains(
            "warning: "
                + infra.resolve("brigade-project.secrets.yaml")
                + " (decrypted from its .enc) is not gitignored: add '*.secrets.yaml' to the"
                + " repository's .gitignore so that a decrypted file can never be committed");
    assertThat(tools.calls()).hasSize(2);
  }

  @Test
  void strictRefusesToDecryptToAPathGitDoesNotIgnoreBeforeAnyToolRuns() throws Exception {
    tools.add("helmfile", "exit 0");
    Git.init().setDirectory(repo.toFile()).call().close();
    dir("environments/test/cluster-infra", "helmfile", "brigade-project.secrets.yaml.enc");
    SyncOptions strict =
        new SyncOptions(repo, "test", "k8stest1", Optional.empty(), false, scratch, true);

    assertThatThrownBy(() -> sync().master(strict))
        .isInstanceOf(ToolkitException.class)
        .hasMessageStartingWith("refusing to decrypt: ")
        .hasMessageEndingWith("(--strict)")
        .satisfies(e -> assertThat(((ToolkitException) e).exitCode()).isEqualTo(2));
    assertThat(tools.calls()).isEmpty();

    Files.writeString(repo.resolve(".gitignore"), "*.secrets.yaml\n");
    sync().master(strict);
    assertThat(tools.calls()).hasSize(2);
    assertThat(output).noneMatch(l -> l.startsWith("warning: "));
  }

  @Test
  void plaintextIsDeletedWhenHelmfileFails() throws Exception {
    tools.add("helmfile", "test -f brigade-project.secrets.yaml || exit 9; exit 3");
    Path infra =
        dir(
            "environments/test/cluster-infra",
            "helmfile",
            "brigade-project.secrets.yaml.enc",
            "other.secrets.yaml.enc");

    assertThatThrownBy(() -> sync().master(options()))
        .isInstanceOf(ToolFailedException.class)
        .hasMessageContaining("failed with exit code 3");
    assertThat(tools.calls())
        .containsExactly(
            "sops --decrypt --input-type yaml --output-type yaml "
                + infra.resolve("brigade-project.secrets.yaml.enc"),
            "sops --decrypt --input-type yaml --output-type yaml "
                + infra.resolve("other.secrets.yaml.enc"),
            "helmfile --file helmfile sync");
    try (var left = Files.list(infra)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "helmfile", "brigade-project.secrets.yaml.enc", "other.secrets.yaml.enc");
    }
    assertThat(String.join("\n", output)).doesNotContain("hunter2-plain");
  }

  @Test
  void missingSopsIsExitOneBeforeAnythingRuns() throws Exception {
    Files.delete(tools.bin.resolve("sops"));
    tools.add("helmfile", "exit 0");
    dir("environments/test/cluster-infra", "helmfile", "brigade-project.secrets.yaml.enc");

    assertThatThrownBy(() -> sync().master(options()))
        .isInstanceOf(ToolNotInstalledException.class)
        .hasMessageStartingWith("sops is not installed");
    assertThat(tools.calls()).isEmpty();
  }

  @Test
  void anEnvironmentTheRepositoryDoesNotHaveIsNamedWithTheOnesItHas() throws Exception {
    tools.add("helmfile", "exit 0");
    dir("environments/test/cluster-infra", "helmfile.yaml");
    dir("environments/production/app-infra", "helmfile.yaml");
    SyncOptions prod =
        new SyncOptions(repo, "prod", "k8stest1", Optional.empty(), false, scratch, false);

    for (ThrowingRunnable sync :
        List.<ThrowingRunnable>of(
            () -> sync().master(prod), () -> sync().worker(prod, "app1", Optional.empty()))) {
      assertThatThrownBy(sync::run)
          .isInstanceOf(ToolkitException.class)
          .hasMessage(
              "environment prod is not in the cluster repository "
                  + repo
                  + ": it has no environments/prod (environments: production, test); pass one of"
                  + " those as --environment, or add environments/prod")
          .extracting(e -> ((ToolkitException) e).exitCode())
          .isEqualTo(2);
    }
    assertThat(tools.calls()).noneMatch(c -> c.startsWith("helmfile"));
  }

  @Test
  void aDirectoryWithoutEnvironmentsIsNotTakenForTheClusterRepository() throws Exception {
    tools.add("helmfile", "exit 0");
    dir("environments/test/cluster-infra", "helmfile.yaml");
    SyncOptions inside =
        new SyncOptions(
            repo.resolve("environments/test"),
            "test",
            "k8stest1",
            Optional.empty(),
            false,
            scratch,
            false);

    assertThatThrownBy(() -> sync().master(inside))
        .isInstanceOf(ToolkitException.class)
        .hasMessage(
            repo.resolve("environments/test")
                + " has no environments/ directory, so it is not the top of a cluster repository:"
                + " run in the repository's top directory or pass it as --repo-dir");
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
