package dev.kubeherd.kube.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A claim whose update the API server applied but whose answer was lost (504) is won: the retry
 * finds the build holding the very status this claim sent.
 */
class SecretBuildStoreLostAnswerMockKubeTest {
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

  private KubernetesClient client(int clientRetries) {
    return api.client(clientRetries);
  }

  private static SecretBuildStore store(KubernetesClient client) {
    return new SecretBuildStore(
        client,
        NS,
        Clock.systemUTC(),
        new KubeRetry(5, Duration.ofMillis(1), Duration.ofMillis(1), d -> {}));
  }

  @Test
  void claimWhoseAppliedUpdateLostItsAnswerIsWon() {
    assertAClaimWithOneFailedPutIsWon(0, () -> api.loseAnswers("PUT", 1));
  }

  @Test
  void claimIsWonWhenTheClientRetriedTheLostUpdateItselfAndGotAConflict() {
    assertAClaimWithOneFailedPutIsWon(1, () -> api.loseAnswers("PUT", 1));
  }

  @Test
  void claimWhoseUpdateFailedUnappliedIsSentAgain() {
    assertAClaimWithOneFailedPutIsWon(0, () -> api.fail("PUT", "/", 504, 1));
  }

  @Test
  void buildClaimedByTheSameWorkerNameBeforeIsNotClaimedAgain() {
    try (KubernetesClient client = client(0)) {
      SecretBuildStore store = store(client);
      Build b = store.create(BuildRequest.of("brigade-p", "push", "github"));
      assertThat(store(client).claim(b.id(), "pool-a")).isTrue();

      assertThat(store.claim(b.id(), "pool-a")).as("a second claim, no lost answer").isFalse();
    }
  }

  /**
   * A claim, with {@code fault} applied to the API server after the build is stored and the client
   * retrying {@code clientRetries} times itself, is won once and leaves the build claimed.
   */
  private void assertAClaimWithOneFailedPutIsWon(int clientRetries, Runnable fault) {
    try (KubernetesClient client = client(clientRetries)) {
      SecretBuildStore store = store(client);
      Build b = store.create(BuildRequest.of("brigade-p", "push", "github"));
      fault.run();

      assertThat(store.claim(b.id(), "pool-a")).isTrue();

      assertThat(api.failed()).isEqualTo(1);
      assertClaimedBy(client, store, b, "pool-a");
    }
  }

  private static void assertClaimedBy(
      KubernetesClient client, SecretBuildStore store, Build b, String worker) {
    Build read = store.find(b.id()).orElseThrow();
    assertThat(read.status().phase()).isEqualTo(BuildPhase.RUNNING);
    assertThat(read.status().worker()).isEqualTo(worker);
    Secret s = client.secrets().inNamespace(NS).withName(b.workerName()).get();
    assertThat(s.getMetadata().getLabels())
        .containsEntry(BrigadeLabels.STATUS, BrigadeLabels.STATUS_ACCEPTED);
  }
}
