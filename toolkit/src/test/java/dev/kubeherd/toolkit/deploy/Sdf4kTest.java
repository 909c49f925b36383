package dev.kubeherd.toolkit.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.tools.ToolFailedException;
import dev.kubeherd.toolkit.tools.ToolNotInstalledException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sdf4k PATH --namespace NS} against recording helmfile, helm, kubectl and sops stand-ins
 * and a real git repository: detection, order, argv, env ({@code GIT_TAG}), cwd, values layering,
 * decrypted secrets gone on every path.
 */
class Sdf4kTest {
  static final String PLAINTEXT = "dbPassword: s3cr3t-plaintext\n";

  @TempDir Path tmp;
  RecordingTools tools;
  AppRepo repo;
  Path scratch;
  final List<String> progress = new CopyOnWriteArrayList<>();
  final List<String> manifests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void stage() throws Exception {
    tools = new RecordingTools(tmp.resolve("bin"));
    repo = new AppRepo(tmp.resolve("app"));
    scratch = tmp.resolve("scratch");
  }

  Sdf4kResult run(Optional<String> env, Optional<DeployKind> only) throws Exception {
    return new Sdf4k(tools.runner(), new HelmJavaRenderer(), progress::add, manifests::add)
        .run(new Sdf4kOptions(repo.web, "shop", Optional.empty(), env, only, false, scratch));
  }

  @Test
  void chartIsUpgradedWithValuesEnvValuesAndDecryptedSecretsInOrderAndGitTag() throws Exception {
    repo.chart(true)
        .file("values.yaml", "replicas: 3\n")
        .file("values.staging.yaml", "dbHost: db.staging\n")
        .file("values.production.yaml", "dbHost: db.production\n")
        .file("secrets.yaml", "dbPassword: ENC[AES256_GCM,data:xx]\nsops: {}\n")
        .commitAndTag();
    tools
        .add("sops", "printf '" + PLAINTEXT.replace("\n", "\\n") + "'")
        // the decrypted file exists while helm runs: keep a copy of its content to check
        .add(
            "helm",
            "for a in \"$@\"; do case \"$a\" in */secrets.yaml) cat \"$a\" > \"$rec.seen\";; esac; done");

    Sdf4kResult result = run(Optional.of("staging"), Optional.empty());

    assertThat(result).isEqualTo(new Sdf4kResult("web", "v1.2.0", List.of(DeployKind.CHART)));
    assertThat(tools.calls()).hasSize(2);
    assertThat(tools.calls().get(0)).startsWith("sops --decrypt");
    assertThat(tools.calls().get(1)).startsWith("helm upgrade web");
    List<String> argv = tools.argv("helm");
    assertThat(argv.subList(0, 12))
        .containsExactly(
            "upgrade",
            "web",
            "./chart",
            "--install",
            "--namespace",
            "shop",
            "--values",
            "./values.yaml",
            "--values",
            "./values.staging.yaml",
            "--values",
            argv.get(11));
    Path decrypted = Path.of(argv.get(11));
    assertThat(decrypted.getFileName()).hasToString("secrets.yaml");
    assertThat(decrypted.getParent().getParent()).isEqualTo(scratch);
    assertThat(argv.subList(12, argv.size())).containsExactly("--set", "image.tag=v1.2.0");
    assertThat(tools.bin.resolve("helm.seen")).hasContent(PLAINTEXT);
    assertThat(tools.cwd("helm")).isEqualTo(repo.web);
    assertThat(tools.env("helm")).containsEntry("GIT_TAG", "v1.2.0");
    assertThat(tools.argv("sops"))
        .containsExactly(
            "--decrypt",
            "--input-type",
            "yaml",
            "--output-type",
            "yaml",
            repo.web.resolve("secrets.yaml").toString());
    assertThat(scratch).isEmptyDirectory();
    assertThat(tools.output).noneMatch(l -> l.contains("s3cr3t"));
  }

  @Test
  void chartOfATagWithASlashIsDeployedWithTheImageTagTheBuildGaveIt() throws Exception {
    repo.chart(true).commitAndTag("release/1.2.0");
    tools.add("helm");

    Sdf4kResult result = run(Optional.empty(), Optional.empty());

    assertThat(result.gitTag()).isEqualTo("release-1.2.0");
    assertThat(tools.argv("helm")).endsWith("--set", "image.tag=release-1.2.0");
    assertThat(tools.env("helm")).containsEntry("GIT_TAG", "release-1.2.0");
  }

  @Test
  void helmfileGetsTheImageTagAsGitTagAndTheDescribeOutputAsGitDescribe() throws Exception {
    repo.file("helmfile.yaml", "releases: []\n").commitAndTag("1.2.0+build.7");
    tools.add("helmfile");

    Sdf4kResult result = run(Optional.empty(), Optional.empty());

    assertThat(result.gitTag()).isEqualTo("1.2.0-build.7");
    assertThat(tools.env("helmfile"))
        .containsEntry("GIT_TAG", "1.2.0-build.7")
        .containsEntry("GIT_DESCRIBE", "1.2.0+build.7");
  }

  @Test
  void chartWithoutImageTagInItsValuesGetsNoSetAndOnlyExistingValuesFiles() throws Exception {
    repo.chart(false).commitAndTag();
    tools.add("helm");

    run(Optional.of("staging"), Optional.empty());

    assertThat(tools.argv("helm"))
        .containsExactly("upgrade", "web", "./chart", "--install", "--namespace", "shop");
    assertThat(tools.calls()).noneMatch(c -> c.startsWith("sops"));
  }

  @Test
  void everyDetectedKindRunsInOrderWithGitTagAndAWarning() throws Exception {
    repo.chart(true)
        .file("helmfile", "releases: []\n")
        .file("kustomization.yaml", "resources: []\n")
        .file("manifests/config.yaml", "apiVersion: v1\nkind: ConfigMap\n")
        .commitAndTag();
    tools.add("helmfile").add("helm").add("kubectl");

    Sdf4kResult result = run(Optional.of("production"), Optional.empty());

    assertThat(result.ran())
        .containsExactly(
            DeployKind.HELMFILE, DeployKind.CHART, DeployKind.KUSTOMIZE, DeployKind.MANIFESTS);
    assertThat(tools.calls())
        .containsExactly(
            "helmfile --file helmfile --environment production sync",
            "helm upgrade web ./chart --install --namespace shop --set image.tag=v1.2.0",
            "kubectl apply --kustomize . --namespace shop",
            "kubectl apply --recursive --filename manifests --namespace shop");
    assertThat(tools.env("helmfile")).containsEntry("GIT_TAG", "v1.2.0");
    assertThat(tools.env("kubectl")).containsEntry("GIT_TAG", "v1.2.0");
    assertThat(tools.cwd("helmfile")).isEqualTo(repo.web);
    assertThat(tools.cwd("kubectl")).isEqualTo(repo.web);
    assertThat(progress)
        .anyMatch(
            l ->
                l.startsWith("Warning: ")
                    && l.contains("running all in order: helmfile, chart, kustomize, manifests"));
  }

  @Test
  void onlyRunsTheChosenKind() throws Exception {
    repo.chart(true).file("kustomization.yaml", "resources: []\n").commitAndTag();
    tools.add("helm").add("kubectl");

    run(Optional.empty(), Optional.of(DeployKind.KUSTOMIZE));

    assertThat(tools.calls()).containsExactly("kubectl apply --kustomize . --namespace shop");
    assertThat(progress).noneMatch(l -> l.startsWith("Warning"));
  }

  @Test
  void onlyAKindThatIsNotThereIsExitTwo() throws Exception {
    repo.chart(true).commitAndTag();
    tools.add("helm").add("kubectl");

    assertThatThrownBy(() -> run(Optional.empty(), Optional.of(DeployKind.MANIFESTS)))
        .isInstanceOf(NothingDeployableException.class)
        .hasMessageContaining("--only manifests but there is no manifests/ directory")
        .satisfies(e -> assertThat(((ToolkitException) e).exitCode()).isEqualTo(2));
    assertThat(tools.calls()).isEmpty();
  }

  @Test
  void nameOverridesTheComponentAndNoRepositoryMeansGitTagDev() throws Exception {
    repo.chart(true);
    tools.add("helm");

    Sdf4kResult result =
        new Sdf4k(tools.runner(), new HelmJavaRenderer(), progress::add, manifests::add)
            .run(
                new Sdf4kOptions(
                    repo.web,
                    "shop",
                    Optional.of("storefront"),
                    Optional.empty(),
                    Optional.empty(),
                    false,
                    scratch));

    assertThat(result.component()).isEqualTo("storefront");
    assertThat(result.gitTag()).isEqualTo("dev");
    assertThat(tools.argv("helm")).containsSequence("upgrade", "storefront", "./chart");
    assertThat(tools.env("helm")).containsEntry("GIT_TAG", "dev");
  }

  @Test
  void lowerCaseChartYamlIsAcceptedAsTheChartMarker() throws Exception {
    repo.file("chart/chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n");

    assertThat(DeployableDetector.detect(repo.web)).containsExactly(DeployKind.CHART);
  }

  @Test
  void ksonnetAppIsAClearUnsupportedError() throws Exception {
    repo.file("app.yaml", "apiVersion: 0.1.0\nkind: ksonnet.io/app\n").commitAndTag();
    tools.add("kubectl");

    assertThatThrownBy(() -> run(Optional.empty(), Optional.empty()))
        .isInstanceOf(KsonnetUnsupportedException.class)
        .hasMessageContaining("unsupported (ksonnet)")
        .hasMessageContaining("kustomization.yaml")
        .satisfies(e -> assertThat(((ToolkitException) e).exitCode()).isEqualTo(2));
    assertThat(tools.calls()).isEmpty();
  }

  @Test
  void nothingDeployableIsExitTwoNamingWhatWasLookedFor() throws Exception {
    repo.file("README.md", "nothing here\n").commitAndTag();

    assertThatThrownBy(() -> run(Optional.empty(), Optional.empty()))
        .isInstanceOf(NothingDeployableException.class)
        .hasMessageStartingWith("nothing to deploy in " + repo.web)
        .hasMessageContaining("chart/Chart.yaml, kustomization.yaml and a manifests/ directory")
        .satisfies(e -> assertThat(((ToolkitException) e).exitCode()).isEqualTo(2));
  }

  @Test
  void pathThatIsNotADirectoryIsExitTwo() {
    assertThatThrownBy(
            () ->
                new Sdf4k(tools.runner(), new HelmJavaRenderer(), progress::add, manifests::add)
                    .run(
                        new Sdf4kOptions(
                            tmp.resolve("missing"),
                            "shop",
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            false,
                            scratch)))
        .isInstanceOf(NothingDeployableException.class)
        .hasMessageContaining("it is not a directory");
  }

  @Test
  void sopsFailureAppliesNothingAndLeavesNoPlaintext() throws Exception {
    repo.chart(true)
        .file("helmfile.yaml", "releases: []\n")
        .file("secrets.yaml", "sops: {}\n")
        .commitAndTag();
    tools
        .add("helmfile")
        .add("helm")
        .add("sops", "printf 'partial: s3cr3t'; echo 'Failed to get the data key' >&2; exit 128");

    assertThatThrownBy(() -> run(Optional.empty(), Optional.empty()))
        .isInstanceOf(ToolFailedException.class)
        .hasMessageContaining("failed with exit code 128")
        .satisfies(e -> assertThat(((ToolkitException) e).exitCode()).isNotZero())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));

    assertThat(tools.calls()).hasSize(1).allMatch(c -> c.startsWith("sops "));
    assertThat(scratch).isEmptyDirectory();
    assertThat(repo.web.resolve("secrets.yaml")).hasContent("sops: {}\n");
    assertThat(tools.output).noneMatch(l -> l.contains("s3cr3t"));
  }

  @Test
  void missingHelmIsExitOneBeforeAnythingRuns() throws Exception {
    repo.chart(true)
        .file("helmfile.yaml", "releases: []\n")
        .file("secrets.yaml", "sops: {}\n")
        .commitAndTag();
    tools.add("helmfile").add("sops", "printf 'a: b\\n'");

    assertThatThrownBy(() -> run(Optional.empty(), Optional.empty()))
        .isInstanceOf(ToolNotInstalledException.class)
        .hasMessageStartingWith("helm is not installed")
        .satisfies(e -> assertThat(((ToolkitException) e).exitCode()).isEqualTo(1));
    assertThat(tools.calls()).isEmpty();
    assertThat(Files.exists(scratch) ? scratch : Files.createDirectories(scratch))
        .isEmptyDirectory();
  }
}
