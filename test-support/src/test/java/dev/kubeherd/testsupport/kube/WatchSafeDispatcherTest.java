package dev.kubeherd.testsupport.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void expectationsAddedFromManyThreadsAtOnceAreAllAnswered() throws Exception {
    int threads = 8;
    int each = 200;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> added = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        added.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    server
                        .expect()
                        .get()
                        .withPath("/logs/" + thread + "/" + i)
                        .andReturn(200, thread + "-" + i)
                        .always();
                  }
                }));
      }
      for (Future<?> f : added) {
        f.get(); // a ConcurrentModificationException here is the bug this guards against
      }
    } finally {
      pool.shutdownNow();
    }
    HttpClient http = HttpClient.newHttpClient();
    for (int t = 0; t < threads; t++) {
      String path = "/logs/" + t + "/" + (each - 1);
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(server.url(path))).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.body()).isEqualTo(t + "-" + (each - 1));
    }
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
