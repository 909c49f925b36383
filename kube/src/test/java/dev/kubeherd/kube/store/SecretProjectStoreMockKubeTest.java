package dev.kubeherd.kube.store;

import static dev.kubeherd.kube.store.MockKube.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.CorruptStateException;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.kube.brigade.Golden;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableMockKube
class SecretProjectStoreMockKubeTest {
  static KubernetesClient client;
  static KubernetesMockServer server;
  private SecretProjectStore store;

  @BeforeEach
  void setUp() {
    MockKube.clear(client);
    store = new SecretProjectStore(client, NAMESPACE);
  }

  private static void put(Secret s) {
    client.secrets().inNamespace(NAMESPACE).resource(s).create();
  }

  @Test
  void chartSecretWithStringDataIsFoundByNameAndListed() {
    put(Golden.secret("project-chart-stringdata.yaml")); // the mock keeps stringData unmerged

    Project p = store.find("deis/empty-testbed").orElseThrow();

    assertThat(p.cloneUrl()).isEqualTo("https://github.com/deis/empty-testbed.git");
    assertThat(p.secretsJson()).isEqualTo("{\"dbPassword\":\"hunter2\"}");
    assertThat(store.list()).containsExactly(p);
  }

  @Test
  void oldChartOpaqueSecretIsAProject() {
    put(Golden.secret("project-old-chart-missing-keys.yaml"));

    Project p = store.find("brigadecore/empty-testbed").orElseThrow();

    assertThat(p.name()).isEmpty();
    assertThat(p.repository()).isEqualTo("github.com/brigadecore/empty-testbed");
  }

  @Test
  void replaceKeepsTheChartsLabelsAndDropsItsStringData() {
    put(Golden.secret("project-chart-stringdata.yaml"));
    String id = ProjectIds.fromName("deis/empty-testbed");

    store.replace(
        new Project(id, "deis/empty-testbed", NAMESPACE, Map.of(ProjectKeys.REPOSITORY, "x")));

    Secret s = client.secrets().inNamespace(NAMESPACE).withName(id).get();
    assertThat(s.getMetadata().getLabels())
        .containsEntry("release", "empty-testbed")
        .containsEntry("heritage", "brigade");
    assertThat(s.getStringData()).isNullOrEmpty();
    assertThat(store.find(id).orElseThrow().data()).isEqualTo(Map.of(ProjectKeys.REPOSITORY, "x"));
  }

  /** A Secret's type cannot change on a real API server (422): replace must not try. */
  @Test
  void replaceKeepsTheOpaqueTypeOfAnOldChartsProjectSecret() throws InterruptedException {
    put(Golden.secret("project-old-chart-missing-keys.yaml"));
    String id = ProjectIds.fromName("brigadecore/empty-testbed");

    store.replace(
        new Project(
            id, "brigadecore/empty-testbed", NAMESPACE, Map.of(ProjectKeys.REPOSITORY, "x")));

    // the CRUD mock server stores the type the update sent, and never refuses a changed one
    assertThat(server.getLastRequest().getMethod()).isEqualTo("PUT");
    assertThat(client.secrets().inNamespace(NAMESPACE).withName(id).get().getType())
        .isEqualTo("Opaque");
    assertThat(store.find(id).orElseThrow().data()).isEqualTo(Map.of(ProjectKeys.REPOSITORY, "x"));
  }

  @Test
  void aBuildSecretIsNeverTakenForAProject() {
    put(Golden.secret("build-brig.yaml"));
    String name = "brigade-worker-01ckcc06200kqdvkdp3nc65bap";

    assertThat(store.find(name)).isEmpty();
    assertThat(store.delete(name)).isFalse();
    assertThat(client.secrets().inNamespace(NAMESPACE).withName(name).get()).isNotNull();
  }

  @Test
  void unreadableProjectSecretFailsFindNamingItAndIsSkippedByList() {
    put(
        new SecretBuilder(Golden.secret("project-brig-whale-eyes.yaml"))
            .addToData("sharedSecret", "!!")
            .build());
    put(Golden.secret("project-chart-stringdata.yaml"));

    assertThatThrownBy(() -> store.find("technosophos/-whale-eyes-"))
        .isInstanceOf(CorruptStateException.class)
        .hasMessageContaining(ProjectIds.fromName("technosophos/-whale-eyes-"))
        .hasMessageContaining("brig project create --replace");
    assertThat(store.list()).extracting(Project::name).containsExactly("deis/empty-testbed");
  }
}
