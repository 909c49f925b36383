package dev.kubeherd.kube.store;

import static dev.kubeherd.kube.store.MockKube.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.port.BuildFeed;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract §2.3: a build Secret is its type {@code brigade.sh/build} plus labels {@code build} and
 * {@code project}; v1 selected on the type alone, so a custom producer need not label {@code
 * component=build}.
 */
@EnableMockKube
class CustomProducerBuildSecretMockKubeTest {
  static KubernetesClient client;
  private static final String ID = "acme1";
  private SecretBuildStore store;

  @BeforeEach
  void setUp() {
    MockKube.clear(client);
    store = new SecretBuildStore(client, NAMESPACE, Clock.systemUTC());
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** What a custom gateway may write: its own name, only labels build and project. */
  private static Secret withoutComponent(String name, String buildId, String type) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(Map.of("build", buildId, "project", "brigade-p"))
        .endMetadata()
        .withType(type)
        .withData(
            Map.of(
                "project_id", b64("brigade-p"),
                "event_type", b64("push"),
                "event_provider", b64("acme")))
        .build();
  }

  private void create(Secret s) {
    client.secrets().inNamespace(NAMESPACE).resource(s).create();
  }

  @Test
  void aBuildSecretWithoutComponentLabelIsListed() {
    create(withoutComponent("acme-1", ID, "brigade.sh/build"));
    Build ours = store.create(BuildRequest.of("brigade-p", "push", "github"));

    assertThat(store.list(Optional.empty()))
        .extracting(Build::id)
        .containsExactlyInAnyOrder(ID, ours.id());
    assertThat(store.list(Optional.of("brigade-p"))).extracting(Build::id).contains(ID);
  }

  @Test
  void aBuildSecretWithoutComponentLabelIsFoundByItsIdAndItsStatusCanBeWritten() {
    create(withoutComponent("acme-1", ID, "brigade.sh/build"));

    assertThat(store.find(ID)).map(Build::projectId).contains("brigade-p");
    assertThat(store.claim(ID, "worker-1")).isTrue();
    store.updateStatus(ID, s -> s.finished(true, 0, Instant.now(), ""));
    assertThat(store.find(ID)).map(b -> b.status().phase().isTerminal()).contains(true);
  }

  @Test
  void secretsOfAnotherTypeOrJobSecretsLabelledWithTheBuildAreNotBuilds() {
    create(withoutComponent("acme-1", ID, "brigade.sh/build"));
    create(withoutComponent("opaque-2", "acme2", "Opaque"));
    Build ours = store.create(BuildRequest.of("brigade-p", "push", "github"));
    create(
        new SecretBuilder()
            .withNewMetadata()
            .withName("test-" + ours.id())
            .withLabels(Map.of("build", ours.id(), "component", "job", "heritage", "brigade"))
            .endMetadata()
            .withType("Opaque")
            .build());

    assertThat(store.list(Optional.empty()))
        .extracting(Build::id)
        .containsExactlyInAnyOrder(ID, ours.id());
    assertThat(store.find("acme2")).isEmpty();
  }

  @Test
  void aBuildSecretWithoutComponentLabelIsDeliveredByTheFeedWhenCreatedAndChanged() {
    List<String> seen = new CopyOnWriteArrayList<>();
    BuildFeed.Listener listener =
        new BuildFeed.Listener() {
          @Override
          public void build(Build b) {
            seen.add(b.id() + " " + b.status().phase());
          }

          @Override
          public void invalid(BuildFeed.InvalidBuild i) {
            seen.add("invalid " + i.source());
          }
        };
    create(withoutComponent("opaque-2", "acme2", "Opaque"));
    try (BuildFeed.Subscription sub = new SecretBuildFeed(client, NAMESPACE).subscribe(listener)) {
      create(withoutComponent("acme-1", ID, "brigade.sh/build"));
      await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
      store.updateStatus(ID, BuildStatus.pending().running("w", Instant.now()));

      await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 2);
      assertThat(seen).containsExactly(ID + " PENDING", ID + " RUNNING");
    }
  }
}
