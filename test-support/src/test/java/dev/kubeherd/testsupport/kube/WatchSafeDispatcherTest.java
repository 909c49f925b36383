package dev.kubeherd.testsupport.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@EnableMockKube
class WatchSafeDispatcherTest {
  static final String NS = "watches";
  static KubernetesClient client;
  static KubernetesMockServer server;

  /**
   * With fabric8's own dispatcher, a watch closed while events were being sent to it froze the
   * server's event loop for 30 s (often several times in a row); here every round ends at once.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void closingWatchesWhileEventsFlowToThemNeverStallsTheServer() throws Exception {
    AtomicBoolean writing = new AtomicBoolean(true);
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 0; writing.get(); i++) {
                client.secrets().inNamespace(NS).resource(secret("s" + i)).create();
              }
            });
    try {
      for (int round = 0; round < 20; round++) {
        try (KubernetesClient own = server.createClient()) {
          Watch watch = own.secrets().inNamespace(NS).watch(new Ignore());
          Thread.sleep(50);
          watch.close();
        }
        long started = System.nanoTime();
        client.secrets().inNamespace(NS).withName("probe").get();
        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .as("API answer after closing watch %d", round)
            .isLessThan(Duration.ofSeconds(5));
      }
    } finally {
      writing.set(false);
      writer.get(30, TimeUnit.SECONDS);
    }
    assertThat(client.secrets().inNamespace(NS).list().getItems()).isNotEmpty();
  }

  private static Secret secret(String name) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .addToStringData("payload", "x".repeat(2_000))
        .build();
  }

  private static final class Ignore implements Watcher<Secret> {
    @Override
    public void eventReceived(Action action, Secret resource) {}

    @Override
    public void onClose(WatcherException cause) {}
  }
}
