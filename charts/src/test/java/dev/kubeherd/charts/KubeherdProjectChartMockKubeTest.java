package dev.kubeherd.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.core.secret.ProjectSecretCodec;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import dev.kubeherd.kube.brigade.ProjectSecrets;
import dev.kubeherd.kube.brigade.SecretTypes;
import dev.kubeherd.kube.store.SecretProjectStore;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The kubeherd-project chart writes the project Secret the controller, gateway and workers read:
 * decoded with the same codec they use ({@link ProjectSecrets}, through {@link
 * SecretProjectStore}), it is the project the values describe.
 */
@EnableKubernetesMockClient(crud = true)
class KubeherdProjectChartMockKubeTest {
  static KubernetesClient client;

  /** The brigade-project chart's Secret for deis/empty-testbed, a fixture of the kube module. */
  private static final Path V1_CHART_SECRET =
      Path.of("../kube/src/test/resources/golden/project-chart-stringdata.yaml");

  private static final Path GOLDEN =
      Path.of("src/test/resources/golden/acme-storefront-project.yaml");

  @AfterEach
  void clear() {
    client.secrets().inNamespace(Charts.NAMESPACE).delete();
  }

  private static Secret render(String valuesFile) {
    return Charts.render(Charts.PROJECT).values(valuesFile).objects().one(Secret.class);
  }

  @Test
  void brigadeProjectValuesDecodeToTheGoldenProject() throws IOException {
    JsonNode golden = YAMLMapper.builder().build().readTree(Files.readString(GOLDEN));

    Project p = ProjectSecrets.fromSecret(render("brigade-project-v1.yaml"));

    assertThat(p.id())
        .isEqualTo(golden.get("id").asString())
        .isEqualTo(ProjectIds.fromName("acme/storefront"));
    assertThat(p.name()).isEqualTo(golden.get("name").asString());
    assertThat(p.data()).isEqualTo(stringMap(golden.get("data")));
  }

  @Test
  void chartWritesTheProjectTheBrigadeProjectChartWrote() throws IOException {
    Secret v1 =
        new KubernetesSerialization().unmarshal(Files.readString(V1_CHART_SECRET), Secret.class);

    Secret ours =
        Charts.render(Charts.PROJECT)
            .namespace("default")
            .values("empty-testbed-v1-chart.yaml")
            .objects()
            .one(Secret.class);

    Project expected = ProjectSecrets.fromSecret(v1);
    Project actual = ProjectSecrets.fromSecret(ours);
    assertThat(ours.getMetadata().getName()).isEqualTo(v1.getMetadata().getName());
    assertThat(actual.name()).isEqualTo(expected.name());
    assertThat(actual.data()).isEqualTo(expected.data());
    assertThat(ours.getType()).isEqualTo(v1.getType());
    assertThat(ours.getMetadata().getLabels())
        .containsAllEntriesOf(Map.of("app", "brigade", "component", "project", "heritage", "Helm"));
  }

  @Test
  void controllersStoreFindsTheAppliedProjectByName() {
    Secret rendered = render("brigade-project-v1.yaml");
    client.resource(rendered).inNamespace(Charts.NAMESPACE).create();

    SecretProjectStore store = new SecretProjectStore(client, Charts.NAMESPACE);

    Project found = store.find("acme/storefront").orElseThrow();
    assertThat(found.data()).isEqualTo(ProjectSecrets.fromSecret(rendered).data());
    assertThat(found.namespace()).isEqualTo(Charts.NAMESPACE);
    assertThat(found.cloneUrl()).isEqualTo("git@github.com:acme/storefront.git");
    assertThat(store.list()).containsExactly(found);
  }

  @Test
  void brigsCodecReadsTheRenderedDocumentAsTheSameProject() {
    String text = Charts.render(Charts.PROJECT).values("brigade-project-v1.yaml").template();

    Project viaCodec = new ProjectSecretCodec().read(text.substring(text.indexOf("apiVersion:")));

    assertThat(viaCodec.data())
        .isEqualTo(ProjectSecrets.fromSecret(render("brigade-project-v1.yaml")).data());
  }

  @Test
  void secretCarriesTheDiscoveryLabelsTypeAndProjectName() {
    Secret s = render("brigade-project-v1.yaml");

    assertThat(ProjectSecrets.isProject(s)).isTrue();
    assertThat(s.getType()).isEqualTo(SecretTypes.PROJECT);
    assertThat(s.getMetadata().getLabels())
        .containsEntry(BrigadeLabels.APP, BrigadeLabels.BRIGADE)
        .containsEntry(BrigadeLabels.COMPONENT, BrigadeLabels.COMPONENT_PROJECT);
    assertThat(s.getMetadata().getAnnotations())
        .containsEntry(ProjectSecrets.NAME_ANNOTATION, "acme/storefront");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "deis/empty-testbed, brigade-830c16d4aaf6f5490937ad719afd8490a5bcbef064d397411043ac",
    "technosophos/-whale-eyes-, brigade-407900363c01e6153bc1a91792055b898e20a29f1387b72a0b6f00",
    "e2eproject, brigade-5b55ed522537b663e178f751959d234fd650d626f33f70557b2e82",
    "brigade-foo, brigade-foo",
  })
  void secretIsNamedByTheProjectIdRule(String project, String id) {
    Secret s = Charts.render(Charts.PROJECT).set("project", project).objects().one(Secret.class);

    assertThat(s.getMetadata().getName()).isEqualTo(id).isEqualTo(ProjectIds.fromName(project));
  }

  @Test
  void kubeherdValuesReachTheirKeys() {
    Project p = ProjectSecrets.fromSecret(render("kubeherd-pool-project.yaml"));

    assertThat(p.id()).isEqualTo("brigade-internal-tools");
    assertThat(p.get(ProjectKeys.VCS_SIDECAR)).as("NONE means no clone").isEmpty();
    assertThat(p.value(ProjectKeys.WORKER_MODE)).isEqualTo("pool");
    assertThat(p.value("serviceAccount")).isEqualTo("deployer");
    assertThat(p.value(ProjectKeys.BRIGADEJS_PATH)).isEqualTo("ci/brigade.js");
    assertThat(p.secretsJson()).isEqualTo("{\"token\":\"abc\"}");
    assertThat(p.value("imagePullSecrets")).isEqualTo("ecr-pull,dockerhub");
  }

  @Test
  void defaultsAreTheBrigadeProjectChartDefaults() {
    Project p =
        ProjectSecrets.fromSecret(Charts.render(Charts.PROJECT).objects().one(Secret.class));

    assertThat(p.name()).isEqualTo("brigadecore/empty-testbed");
    assertThat(p.repository()).isEqualTo("github.com/brigadecore/empty-testbed");
    assertThat(p.flag(ProjectKeys.ALLOW_PRIVILEGED_JOBS, false)).isTrue();
    assertThat(p.flag(ProjectKeys.ALLOW_HOST_MOUNTS, true)).isFalse();
    assertThat(p.flag(ProjectKeys.INIT_GIT_SUBMODULES, true)).isFalse();
    assertThat(p.value(ProjectKeys.BUILD_STORAGE_SIZE)).isEqualTo("50Mi");
    assertThat(p.secretsJson()).isEqualTo("{}");
    assertThat(p.get(ProjectKeys.DEFAULT_SCRIPT)).as("unset keys are not written").isEmpty();
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "project, '', /project",
    "allowPrivilegedJobs, maybe, /allowPrivilegedJobs",
    "workerMode, thread, /workerMode",
    "buildStorageSize, lots, /buildStorageSize",
    "brigadejsPath, /etc/brigade.js, /brigadejsPath",
    "repositry, github.com/acme/x, repositry",
  })
  void valueAgainstTheSchemaFailsNamingIt(String key, String value, String named) {
    String error = Charts.render(Charts.PROJECT).set(key, value).failure();

    assertThat(error)
        .contains("values don't meet the specifications of the schema")
        .contains(named);
  }

  private static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asString()));
    return out;
  }
}
