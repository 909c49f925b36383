package dev.kubeherd.toolkit.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.tools.ToolFailedException;
import dev.kubeherd.toolkit.tools.ToolNotInstalledException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code kubeherd deploy|undeploy}: helmfile detection, arguments, exit codes 1 and 2. */
class DeployHelmfileTest {
  @TempDir Path tmp;
  RecordingTools tools;
  Path dir;
  Path scratch;

  @BeforeEach
  void stage() throws Exception {
    tools = new RecordingTools(tmp.resolve("bin"));
    dir = Files.createDirectories(tmp.resolve("cluster/environments/test")).toRealPath();
    scratch = Files.createDirectories(tmp.resolve("scratch"));
  }

  private HelmfileDeployer deployer() {
    return new HelmfileDeployer(tools.runner(), scratch, tools.output::add);
  }

  private void create(String name) throws Exception {
    if (name.endsWith(".d")) {
      Files.createDirectories(dir.resolve(name));
    } else {
      Files.writeString(dir.resolve(name), "releases: []\n");
    }
  }

  @ParameterizedTest(name = "{0} wins over {1}")
  @CsvSource({
    "helmfile.yaml, helmfile.yaml.gotmpl",
    "helmfile.yaml.gotmpl, helmfile.d",
    "helmfile.d, charts.yaml",
    "charts.yaml, helmfile",
  })
  void earlierNameInTheDetectionOrderWins(String first, String later) throws Exception {
    create(later);
    create(first);

    assertThat(HelmfileLocator.detect(dir)).contains(dir.resolve(first));
  }

  @Test
  void extensionLessHelmfileIsFoundLast() throws Exception {
    create("helmfile");

    assertThat(HelmfileLocator.detect(dir)).contains(dir.resolve("helmfile"));
  }

  @Test
  void fileNamedHelmfileDIsNotAHelmfileDirectory() throws Exception {
    Files.writeString(dir.resolve("helmfile.d"), "not a directory\n");

    assertThat(HelmfileLocator.detect(dir)).isEmpty();
  }

  @Test
  void deploySyncsWithEnvironmentAndSelectorInTheHelmfileDirectory() throws Exception {
    tools.add("helmfile", "echo 'Upgrading release=ingress'");
    create("helmfile.yaml");

    deployer()
        .run(
            HelmfileAction.SYNC,
            new HelmfileRun(
                dir,
                Optional.empty(),
                Optional.of("production"),
                Optional.of("tier=frontend"),
                Map.of("CLUSTER", "k8s1")));

    assertThat(tools.argv("helmfile"))
        .containsExactly(
            "--file",
            "helmfile.yaml",
            "--environment",
            "production",
            "--selector",
            "tier=frontend",
            "sync");
    assertThat(tools.cwd("helmfile")).isEqualTo(dir);
    assertThat(tools.env("helmfile")).containsEntry("CLUSTER", "k8s1");
    assertThat(tools.output).contains("[helmfile] Upgrading release=ingress");
  }

  @Test
  void undeployDestroysWithTheLegacyChartsYaml() throws Exception {
    tools.add("helmfile");
    create("charts.yaml");

    deployer().run(HelmfileAction.DESTROY, HelmfileRun.in(dir));

    assertThat(tools.argv("helmfile")).containsExactly("--file", "charts.yaml", "destroy");
  }

  @Test
  void explicitFileIsUsedAsGivenWithoutDetection() throws Exception {
    tools.add("helmfile");
    create("helmfile.yaml");
    Files.writeString(dir.resolve("other.yaml"), "releases: []\n");

    deployer()
        .run(
            HelmfileAction.SYNC,
            new HelmfileRun(
                dir,
                Optional.of(Path.of("other.yaml")),
                Optional.empty(),
                Optional.empty(),
                Map.of()));

    assertThat(tools.argv("helmfile")).containsExactly("--file", "other.yaml", "sync");
  }

  @Test
  void helmfileNotInstalledIsExitOneNamingItBeforeLookingForAHelmfile() {
    assertThatThrownBy(() -> deployer().run(HelmfileAction.SYNC, HelmfileRun.in(dir)))
        .isInstanceOf(ToolNotInstalledException.class)
        .hasMessageStartingWith("helmfile is not installed: helmfile was not found on PATH")
        .satisfies(e -> assertThat(((ToolkitException) e).exitCode()).isEqualTo(1));
  }

  @Test
  void noHelmfileIsExitTwoNamingTheDirectoryAndTheNamesLookedFor() throws Exception {
    tools.add("helmfile");

    assertThatThrownBy(() -> deployer().run(HelmfileAction.SYNC, HelmfileRun.in(dir)))
        .isInstanceOf(ToolkitException.class)
        .hasMessage(
            "no helmfile in "
                + dir
                + ": looked for helmfile.yaml, helmfile.yaml.gotmpl, helmfile.d, charts.yaml,"
                + " helmfile; pass --file or run in the directory holding it")
        .satisfies(e -> assertThat(((ToolkitException) e).exitCode()).isEqualTo(2));
    assertThat(tools.calls()).isEmpty();
  }

  @Test
  void missingExplicitFileIsExitTwo() throws Exception {
    tools.add("helmfile");

    assertThatThrownBy(
            () ->
                deployer()
                    .run(
                        HelmfileAction.SYNC,
                        new HelmfileRun(
                            dir,
                            Optional.of(Path.of("nope.yaml")),
                            Optional.empty(),
                            Optional.empty(),
                            Map.of())))
        .isInstanceOf(ToolkitException.class)
        .hasMessage("helmfile " + dir.resolve("nope.yaml") + " does not exist")
        .satisfies(e -> assertThat(((ToolkitException) e).exitCode()).isEqualTo(2));
    assertThat(tools.calls()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = HelmfileAction.class,
      names = {"SYNC", "DESTROY"})
  void secretsOfTheDirectoryAreDecryptedFirstAndDeletedAfterwards(HelmfileAction action)
      throws Exception {
    tools.add("sops", "echo 'password: hunter2-plain'");
    tools.add(
        "helmfile",
        "test \"$(cat brigade.secrets.yaml)\" = 'password: hunter2-plain' || exit 7\n"
            + "stat -c 'mode %a' brigade.secrets.yaml");
    create("helmfile.yaml");
    Files.writeString(dir.resolve("brigade.secrets.yaml.enc"), "password: ENC[AES256_GCM]\n");

    deployer().run(action, HelmfileRun.in(dir));

    assertThat(tools.calls())
        .containsExactly(
            "sops --decrypt --input-type yaml --output-type yaml "
                + dir.resolve("brigade.secrets.yaml.enc"),
            "helmfile --file helmfile.yaml " + action.subcommand());
    assertThat(tools.output).contains("[helmfile] mode 600");
    assertThat(dir.resolve("brigade.secrets.yaml")).doesNotExist();
    assertThat(scratch).isEmptyDirectory();
    assertThat(String.join("\n", tools.output)).doesNotContain("hunter2-plain");
  }

  @Test
  void secretsNextToAnExplicitHelmfileElsewhereAreDecryptedTooAndDeletedAfterwards()
      throws Exception {
    Path root = dir.getParent().getParent();
    tools.add("sops", "echo 'password: hunter2-plain'");
    tools.add(
        "helmfile",
        "test -f environments/test/brigade.secrets.yaml || exit 7\n"
            + "test -f cluster.secrets.yaml || exit 8");
    create("helmfile.yaml");
    Files.writeString(dir.resolve("brigade.secrets.yaml.enc"), "password: ENC[AES256_GCM]\n");
    Files.writeString(root.resolve("cluster.secrets.yaml.enc"), "password: ENC[AES256_GCM]\n");

    deployer()
        .run(
            HelmfileAction.SYNC,
            new HelmfileRun(
                root,
                Optional.of(Path.of("environments/test/helmfile.yaml")),
                Optional.empty(),
                Optional.empty(),
                Map.of()));

    assertThat(tools.calls())
        .containsExactly(
            "sops --decrypt --input-type yaml --output-type yaml "
                + root.resolve("cluster.secrets.yaml.enc"),
            "sops --decrypt --input-type yaml --output-type yaml "
                + dir.resolve("brigade.secrets.yaml.enc"),
            "helmfile --file environments/test/helmfile.yaml sync");
    assertThat(tools.cwd("helmfile")).isEqualTo(root);
    assertThat(dir.resolve("brigade.secrets.yaml")).doesNotExist();
    assertThat(root.resolve("cluster.secrets.yaml")).doesNotExist();
    assertThat(scratch).isEmptyDirectory();
  }

  @Test
  void aSopsFailureStopsTheDeployBeforeHelmfileRuns() throws Exception {
    tools.add("sops", "echo 'Failed to get the data key' >&2; exit 128");
    tools.add("helmfile");
    create("helmfile.yaml");
    Files.writeString(dir.resolve("brigade.secrets.yaml.enc"), "password: ENC[AES256_GCM]\n");

    assertThatThrownBy(() -> deployer().run(HelmfileAction.SYNC, HelmfileRun.in(dir)))
        .isInstanceOf(ToolFailedException.class)
        .hasMessageContaining("failed with exit code 128")
        .hasMessageContaining("Failed to get the data key");
    assertThat(tools.calls()).singleElement().asString().startsWith("sops --decrypt");
    assertThat(dir.resolve("brigade.secrets.yaml")).doesNotExist();
  }

  @Test
  void detectionOrderIsTheDocumentedOne() {
    assertThat(HelmfileLocator.NAMES)
        .isEqualTo(
            List.of(
                "helmfile.yaml", "helmfile.yaml.gotmpl", "helmfile.d", "charts.yaml", "helmfile"));
  }
}
