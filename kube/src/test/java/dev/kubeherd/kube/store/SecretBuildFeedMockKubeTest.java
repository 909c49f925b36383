package dev.kubeherd.kube.store;

import static dev.kubeherd.kube.store.MockKube.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.port.BuildFeed;
import dev.kubeherd.kube.brigade.Golden;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableMockKube
class SecretBuildFeedMockKubeTest {
  static KubernetesClient client;
  private SecretBuildStore store;
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final List<BuildFeed.InvalidBuild> invalid = new CopyOnWriteArrayList<>();

  private final BuildFeed.Listener listener =
      new BuildFeed.Listener() {
        @Override
        public void build(Build build) {
          events.add(build.id() + " " + build.status().phase());
        }

        @Override
        public void invalid(BuildFeed.InvalidBuild i) {
          invalid.add(i);
        }
      };

  @BeforeEach
  void setUp() {
    MockKube.clear(client);
    store = new SecretBuildStore(client, NAMESPACE, Clock.systemUTC());
  }

  @Test
  void existingBuildsArriveFirstThenNewAndChangedOnes() {
    Build before = store.create(BuildRequest.of("brigade-p", "push", "github"));

    try (BuildFeed.Subscription sub = new SecretBuildFeed(client, NAMESPACE).subscribe(listener)) {
      await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 1);
      Build after = store.create(BuildRequest.of("brigade-p", "push", "github"));
      store.claim(after.id(), "w");

      await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 3);
      assertThat(events)
          .containsExactly(
              before.id() + " PENDING", after.id() + " PENDING", after.id() + " RUNNING");
    }
  }

  @Test
  void unreadableBuildSecretIsReportedWithItsNameAndOthersStillArrive() {
    client
        .secrets()
        .inNamespace(NAMESPACE)
        .resource(
            new SecretBuilder(Golden.secret("build-custom-gateway.yaml"))
                .withData(Map.of())
                .build())
        .create();

    try (BuildFeed.Subscription sub = new SecretBuildFeed(client, NAMESPACE).subscribe(listener)) {
      Build good = store.create(BuildRequest.of("brigade-p", "push", "github"));

      await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 1 && invalid.size() == 1);
      assertThat(events).containsExactly(good.id() + " PENDING");
      BuildFeed.InvalidBuild bad = invalid.getFirst();
      assertThat(bad.source()).startsWith("acme-deploy-");
      assertThat(bad.buildId()).contains("3f1e5c8a-2b4d-4e6f-8a9b-0c1d2e3f4a5b");
      assertThat(bad.reason()).contains("names no project");
    }
  }

  @Test
  void markingAnUnreadableBuildFailedIsNotReportedAgain() {
    client
        .secrets()
        .inNamespace(NAMESPACE)
        .resource(
            new SecretBuilder(Golden.secret("build-custom-gateway.yaml"))
                .withData(Map.of())
                .build())
        .create();
    String id = "3f1e5c8a-2b4d-4e6f-8a9b-0c1d2e3f4a5b";

    try (BuildFeed.Subscription sub = new SecretBuildFeed(client, NAMESPACE).subscribe(listener)) {
      await().atMost(Duration.ofSeconds(5)).until(() -> invalid.size() == 1);
      store.updateStatus(
          id, BuildStatus.pending().finished(false, 1, Instant.now(), "it names no project"));
      Build marker = store.create(BuildRequest.of("brigade-p", "push", "github"));

      await().atMost(Duration.ofSeconds(5)).until(() -> events.contains(marker.id() + " PENDING"));
      assertThat(invalid).hasSize(1);
    }
  }

  @Test
  void secretsOfAnotherTypeAreIgnored() {
    client
        .secrets()
        .inNamespace(NAMESPACE)
        .resource(new SecretBuilder(Golden.secret("build-brig.yaml")).withType("Opaque").build())
        .create();

    try (BuildFeed.Subscription sub = new SecretBuildFeed(client, NAMESPACE).subscribe(listener)) {
      Build good = store.create(BuildRequest.of("brigade-p", "push", "github"));

      await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 1);
      assertThat(events).containsExactly(good.id() + " PENDING");
      assertThat(invalid).isEmpty();
    }
  }
}
