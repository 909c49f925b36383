package dev.kubeherd.kube.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A service account whose Role predates build storage deletion (no PVC rights) still deletes
 * builds: only their PVCs stay.
 */
class BuildDeletionForbiddenMockKubeTest {
  private static final String NS = FaultyApiServer.NAMESPACE;
  private FaultyApiServer api;

  @BeforeEach
  void start() {
    api = FaultyApiServer.start();
  }

  @AfterEach
  void stop() {
    api.stop();
  }

  @Test
  void buildIsDeletedWhenListingItsPvcsIsForbidden() {
    try (KubernetesClient client = api.client(0)) {
      SecretBuildStore store =
          new SecretBuildStore(
              client,
              NS,
              Clock.systemUTC(),
              new KubeRetry(3, Duration.ofMillis(1), Duration.ofMillis(1), d -> {}));
      Build b = store.create(BuildRequest.of("brigade-p", "push", "github"));
      api.fail("GET", "/api/v1/namespaces/" + NS + "/persistentvolumeclaims", 403, 1);

      assertThat(store.delete(b.id())).isTrue();

      assertThat(api.failed()).as("the PVC list was refused").isEqualTo(1);
      assertThat(store.find(b.id())).isEmpty();
    }
  }
}
