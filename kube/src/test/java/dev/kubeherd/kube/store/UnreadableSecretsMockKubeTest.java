package dev.kubeherd.kube.store;

import static dev.kubeherd.kube.store.MockKube.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.kubeherd.core.UnreadableEntryException;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.port.UnreadableEntry;
import dev.kubeherd.kube.brigade.Golden;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Project and build Secrets that cannot be read are named, as the local store names its damaged
 * files: by {@code find} (so brig can still delete them), and by the stores' damage scan (so {@code
 * brig check} and {@code brig build delete-all --force} find them).
 */
@EnableMockKube
class UnreadableSecretsMockKubeTest {
  private static final String BUILD_ID = "01ckcc06200kqdvkdp3nc65bap";
  private static final String BUILD_SECRET = "brigade-worker-" + BUILD_ID;
  private static final String PROJECT_OF_BUILD =
      "brigade-4897c99315be5d2a2403ea33bdcb24f8116dc69613d5917d879d5f";

  static KubernetesClient client;

  private SecretBuildStore builds;
  private SecretProjectStore projects;

  @BeforeEach
  void setUp() {
    MockKube.clear(client);
    builds = new SecretBuildStore(client, NAMESPACE, Clock.systemUTC());
    projects = new SecretProjectStore(client, NAMESPACE);
  }

  private static void put(Secret s) {
    client.secrets().inNamespace(NAMESPACE).resource(s).create();
  }

  private static Secret secret(String name) {
    return client.secrets().inNamespace(NAMESPACE).withName(name).get();
  }

  @Test
  void aDamagedBuildSecretIsNamedWithItsProjectAndCanStillBeDeleted() {
    Build good = builds.create(BuildRequest.of("brigade-p", "push", "github"));
    put(
        new SecretBuilder(Golden.secret("build-brig.yaml"))
            .addToData("payload", "not*base64")
            .build());

    assertThatThrownBy(() -> builds.find(BUILD_ID))
        .isInstanceOfSatisfying(
            UnreadableEntryException.class,
            e -> {
              assertThat(e.entry().id()).isEqualTo(BUILD_ID);
              assertThat(e.entry().location()).isEqualTo("Secret default/" + BUILD_SECRET);
              assertThat(e.entry().projectId()).contains(PROJECT_OF_BUILD);
              assertThat(e.entry().problem())
                  .contains("payload is not valid base64")
                  .contains("brig build delete --force " + BUILD_ID);
            });
    assertThat(builds.unreadable())
        .extracting(UnreadableEntry::id, UnreadableEntry::location)
        .containsExactly(tuple(BUILD_ID, "Secret default/" + BUILD_SECRET));

    assertThat(builds.delete(BUILD_ID)).isTrue();
    assertThat(secret(BUILD_SECRET)).isNull();
    assertThat(builds.unreadable()).isEmpty();
    assertThat(builds.find(good.id())).isPresent();
  }

  @Test
  void aDamagedProjectSecretIsNamedAndCanStillBeDeleted() {
    String id = ProjectIds.fromName("technosophos/-whale-eyes-");
    put(
        new SecretBuilder(Golden.secret("project-brig-whale-eyes.yaml"))
            .addToData("sharedSecret", "!!")
            .build());
    put(Golden.secret("project-chart-stringdata.yaml"));

    assertThatThrownBy(() -> projects.find("technosophos/-whale-eyes-"))
        .isInstanceOfSatisfying(
            UnreadableEntryException.class,
            e -> {
              assertThat(e.entry().id()).isEqualTo(id);
              assertThat(e.entry().location()).isEqualTo("Secret default/" + id);
              assertThat(e.entry().problem()).contains("brig project delete " + id);
            });
    assertThat(projects.unreadable()).extracting(UnreadableEntry::id).containsExactly(id);

    assertThat(projects.delete(id)).isTrue();
    assertThat(secret(id)).isNull();
    assertThat(projects.unreadable()).isEmpty();
    assertThat(projects.list()).extracting(Project::name).containsExactly("deis/empty-testbed");
  }

  @Test
  void storesWithNothingDamagedReportNothing() {
    builds.create(BuildRequest.of("brigade-p", "push", "github"));
    put(Golden.secret("project-chart-stringdata.yaml"));

    assertThat(builds.unreadable()).isEmpty();
    assertThat(projects.unreadable()).isEmpty();
    assertThat(projects.find("deis/empty-testbed").map(Project::name))
        .isEqualTo(Optional.of("deis/empty-testbed"));
  }
}
