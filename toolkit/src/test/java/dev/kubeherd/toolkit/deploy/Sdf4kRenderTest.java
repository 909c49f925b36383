package dev.kubeherd.toolkit.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.toolkit.ToolkitException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sdf4k --render}: chart paths render with real Helm 3 (helm-java), nothing applied. */
class Sdf4kRenderTest {
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

  private Sdf4kResult render(Optional<String> env) throws Exception {
    return new Sdf4k(tools.runner(), new HelmJavaRenderer(), progress::add, manifests::add)
        .run(
            new Sdf4kOptions(
                repo.web, "shop", Optional.empty(), env, Optional.empty(), true, scratch));
  }

  @Test
  void chartRendersWithRealHelmLayeringValuesAndGitTagWithoutHelmOrKubectl() throws Exception {
    repo.chart(true)
        .file("values.yaml", "replicas: 3\n")
        .file("values.staging.yaml", "dbHost: db.staging\n")
        .commitAndTag();

    Sdf4kResult result = render(Optional.of("staging"));

    assertThat(result.ran()).containsExactly(DeployKind.CHART);
    assertThat(manifests).hasSize(1);
    String out = manifests.get(0);
    assertThat(out)
        .contains("kind: Deployment")
        .contains("name: web")
        .contains("namespace: shop")
        .contains("replicas: 3")
        .contains("image: \"registry.example.com/web:v1.2.0\"")
        .contains("value: \"db.staging\"");
    assertThat(tools.calls()).as("helm is not needed to render").isEmpty();
  }

  @Test
  void renderDecryptsSecretsIntoTheValuesAndRemovesThePlaintext() throws Exception {
    repo.chart(true).file("secrets.yaml", "sops: {}\n").commitAndTag();
    tools.add("sops", "printf 'dbHost: from-secrets\\n'");

    render(Optional.empty());

    assertThat(manifests.get(0)).contains("value: \"from-secrets\"");
    assertThat(tools.calls()).hasSize(1).allMatch(c -> c.startsWith("sops --decrypt"));
    assertThat(scratch).isEmptyDirectory();
  }

  @Test
  void helmRefusingTheChartIsAClearExitTwo() throws Exception {
    repo.chart(true).file("chart/templates/broken.yaml", "{{ .Values.nope.deeper }}\n");

    assertThatThrownBy(() -> render(Optional.empty()))
        .isInstanceOf(ChartRenderException.class)
        .hasMessageContaining("helm template of " + repo.web.resolve("chart"))
        .hasMessageContaining("nil pointer")
        .satisfies(e -> assertThat(((ToolkitException) e).exitCode()).isEqualTo(2));
  }

  @Test
  void rendererAnswersTheManifestsForAChartAndItsSets() throws Exception {
    repo.chart(false);

    String out =
        new HelmJavaRenderer()
            .render(
                new ChartRender(
                    repo.web.resolve("chart"),
                    "api",
                    "team-a",
                    List.of(),
                    Map.of("image.tag", "abc1234")));

    assertThat(out).contains("name: api").contains("namespace: team-a").contains(":abc1234\"");
  }

  @Test
  void otherKindsRenderThroughTheirToolsOfflineCommandsAndApplyNothing() throws Exception {
    repo.file("helmfile.yaml", "releases: []\n")
        .file("kustomization.yaml", "resources: []\n")
        .file("manifests/cm.yaml", "kind: ConfigMap\n")
        .commitAndTag();
    tools
        .add("helmfile", "echo 'kind: FromHelmfile'")
        .add("kubectl", "echo \"kind: FromKubectl-$1\"");

    Sdf4kResult result = render(Optional.of("prod"));

    assertThat(result.ran())
        .containsExactly(DeployKind.HELMFILE, DeployKind.KUSTOMIZE, DeployKind.MANIFESTS);
    assertThat(tools.calls())
        .containsExactly(
            "helmfile --file helmfile.yaml --environment prod template",
            "kubectl kustomize .",
            "kubectl apply --dry-run=client --output yaml --recursive --filename manifests"
                + " --namespace shop");
    assertThat(manifests)
        .containsExactly(
            "kind: FromHelmfile\n", "kind: FromKubectl-kustomize\n", "kind: FromKubectl-apply\n");
    assertThat(tools.env("helmfile")).containsEntry("GIT_TAG", "v1.2.0");
  }
}
