package dev.kubeherd.kube.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.StoreUnavailableException;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A 422 from the API server means the object sent is invalid: the message says so and gives the
 * server's reason, is not retried and does not blame the API server's health.
 */
class SecretProjectStoreInvalidMockKubeTest {
  private static final String NS = FaultyApiServer.NAMESPACE;
  private static final String REASON =
      "Secret \"x\" is invalid: type: Invalid value: \"brigade.sh/project\": field is immutable";
  private FaultyApiServer api;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    api = FaultyApiServer.start();
    client = api.client(0);
  }

  @AfterEach
  void stop() {
    client.close();
    api.stop();
  }

  @Test
  void anObjectTheApiServerRejectsAsInvalidSaysSoWithItsReasonAndIsNotRetried() {
    SecretProjectStore store =
        new SecretProjectStore(
            client, NS, new KubeRetry(5, Duration.ofMillis(1), Duration.ofMillis(1), d -> {}));
    String id = ProjectIds.fromName("acme/rocket");
    store.create(new Project(id, "acme/rocket", NS, Map.of("cloneURL", "https://a/b.git")));
    api.fail("PUT", "/api/v1/namespaces/" + NS + "/secrets/" + id, 422, 5, REASON);

    assertThatThrownBy(
            () -> store.replace(new Project(id, "acme/rocket", NS, Map.of("cloneURL", "c"))))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageStartingWith("Could not replace project Secret " + id)
        .hasMessageContaining("rejected the object as invalid (HTTP 422): " + REASON)
        .hasMessageNotContaining("health");
    assertThat(api.failed()).isEqualTo(1);
  }
}
