package dev.kubeherd.kube.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.port.ProjectStore;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's project lookups while it watches the project Secrets: answered from the informer's
 * copy, which follows every change made elsewhere.
 */
@EnableMockKube
class SecretProjectStoreWatchMockKubeTest {
  private static final Duration NOTICE = Duration.ofSeconds(10);
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  static KubernetesClient client;
  static KubernetesMockServer server;

  private String ns;
  private SecretProjectStore gateway;
  private SecretProjectStore elsewhere;

  @BeforeEach
  void setUp() {
    ns = "watched-" + NAMESPACES.incrementAndGet();
    gateway = new SecretProjectStore(client, ns);
    elsewhere = new SecretProjectStore(client, ns);
  }

  private Project project(String name, String secret) {
    return new Project(ProjectIds.fromName(name), name, ns, Map.of("sharedSecret", secret));
  }

  @Test
  void aWatchingStoreFindsAProjectWithoutAskingTheApiServerEachTime() {
    Project rocket = project("acme/rocket", "s1");
    elsewhere.create(rocket);
    try (ProjectStore.Watch watch = gateway.watchForChanges()) {
      assertThat(gateway.find("acme/rocket")).contains(rocket);
      int requests = server.getRequestCount();

      for (int i = 0; i < 20; i++) {
        assertThat(gateway.find("acme/rocket")).contains(rocket);
      }

      assertThat(server.getRequestCount()).isEqualTo(requests);
    }
  }

  @Test
  void projectsReplacedCreatedAndDeletedElsewhereAreSeenByAWatchingStore() {
    elsewhere.create(project("acme/rocket", "s1"));
    try (ProjectStore.Watch watch = gateway.watchForChanges()) {
      Project rotated = project("acme/rocket", "s2");
      elsewhere.replace(rotated);
      await().atMost(NOTICE).until(() -> gateway.find("acme/rocket"), Optional.of(rotated)::equals);

      Project added = project("acme/other", "s3");
      elsewhere.create(added);
      await().atMost(NOTICE).until(() -> gateway.find("acme/other"), Optional.of(added)::equals);

      elsewhere.delete(rotated.id());
      await().atMost(NOTICE).until(() -> gateway.find("acme/rocket"), Optional.empty()::equals);
    }
  }

  @Test
  void aSecretTypedAsAProjectWithoutItsLabelsIsStillFoundWhileWatching() {
    String id = ProjectIds.fromName("acme/typed");
    client
        .secrets()
        .inNamespace(ns)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(id)
                .addToAnnotations("projectName", "acme/typed")
                .endMetadata()
                .withType("brigade.sh/project")
                .addToStringData("sharedSecret", "s4")
                .build())
        .create();
    try (ProjectStore.Watch watch = gateway.watchForChanges()) {
      assertThat(gateway.find("acme/typed").map(p -> p.data().get("sharedSecret"))).contains("s4");
    }
  }

  @Test
  void whenRbacForbidsWatchingTheSecretsEachLookupAsksTheApiServerAsBefore() {
    Project rocket = project("acme/rocket", "s1");
    elsewhere.create(rocket);
    for (String selector :
        new String[] {
          "app%3Dbrigade%2Ccomponent%3Dproject", "component%3Dproject%2Capp%3Dbrigade"
        }) {
      for (String rest : new String[] {"", "&resourceVersion=0", "&limit=500"}) {
        server
            .expect()
            .get()
            .withPath("/api/v1/namespaces/" + ns + "/secrets?labelSelector=" + selector + rest)
            .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"reason\":\"Forbidden\"}")
            .always();
      }
    }

    try (ProjectStore.Watch watch = gateway.watchForChanges()) {
      int requests = server.getRequestCount();
      assertThat(gateway.find("acme/rocket")).contains(rocket);
      assertThat(server.getRequestCount()).isGreaterThan(requests);
    }
  }

  @Test
  void afterTheWatchIsClosedLookupsAskTheApiServerAgain() {
    elsewhere.create(project("acme/rocket", "s1"));
    gateway.watchForChanges().close();
    Project rotated = project("acme/rocket", "s2");
    elsewhere.replace(rotated);

    assertThat(gateway.find("acme/rocket")).contains(rotated);
  }

  @Test
  void aSecondWatchIsRefusedWhileOneIsOpen() {
    try (ProjectStore.Watch watch = gateway.watchForChanges()) {
      assertThatThrownBy(gateway::watchForChanges)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("watched already");
    }
  }
}
