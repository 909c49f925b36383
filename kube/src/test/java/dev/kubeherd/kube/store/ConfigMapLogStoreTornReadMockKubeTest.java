package dev.kubeherd.kube.store;

import static dev.kubeherd.kube.store.MockKube.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.port.LogSink;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A read of a chunked log that meets a flush crossing a chunk boundary: the reader has chunk 0,
 * then the writer appends to chunk 0 and creates chunk 1, then the reader gets chunk 1. The
 * reader's client runs the flush just before it sends its GET of chunk 1, so the interleaving is
 * exact.
 */
@EnableMockKube
class ConfigMapLogStoreTornReadMockKubeTest {
  static KubernetesClient client;
  static KubernetesMockServer server;

  private static final String FIRST = "a".repeat(39) + "\n"; // 40 bytes: chunk 0 has 24 left
  private static final String SECOND = "b".repeat(19) + "\n"; // fits in chunk 0
  private static final String THIRD = "c".repeat(39) + "\n"; // does not: starts chunk 1

  private Build build;

  @BeforeEach
  void setUp() {
    MockKube.clear(client);
    build =
        new SecretBuildStore(client, NAMESPACE, Clock.systemUTC())
            .create(BuildRequest.of("brigade-p", "exec", "brigade-cli"));
  }

  @Test
  void aReadMeetingAFlushThatStartsANewChunkKeepsTheTextAppendedToTheOldChunk() {
    AtomicBoolean flushed = new AtomicBoolean();
    try (ConfigMapLogStore writer = store(client);
        LogSink log = writer.open(build.id(), "worker")) {
      log.write(FIRST);
      assertThat(writer.read(build.id(), "worker")).isEqualTo(FIRST);
      Runnable flushBetweenGets =
          () -> {
            log.write(SECOND + THIRD);
            writer.read(build.id(), "worker"); // flushes: append to chunk 0, create chunk 1
            flushed.set(true);
          };
      try (KubernetesClient readerClient = clientRunningBeforeGetOfChunk1(flushBetweenGets);
          ConfigMapLogStore reader = store(readerClient)) {

        String text = reader.read(build.id(), "worker");

        assertThat(flushed).as("the flush ran between the reader's GETs").isTrue();
        assertThat(text).isEqualTo(FIRST + SECOND + THIRD);
      }
    }
  }

  private static ConfigMapLogStore store(KubernetesClient c) {
    return new ConfigMapLogStore(c, NAMESPACE, Clock.systemUTC(), Duration.ofHours(1), 64);
  }

  /** A client of the same mock server that runs {@code action} once, before its first GET of 1. */
  private KubernetesClient clientRunningBeforeGetOfChunk1(Runnable action) {
    String chunk1 = LogConfigMaps.name(build.id(), "worker", 1);
    AtomicBoolean done = new AtomicBoolean();
    Interceptor interceptor =
        new Interceptor() {
          @Override
          public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            if (request.method().equals("GET")
                && request.uri().getPath().endsWith("/" + chunk1)
                && done.compareAndSet(false, true)) {
              action.run();
            }
          }
        };
    return server.createClient(
        b ->
            b.withHttpClientBuilderConsumer(
                h -> h.addOrReplaceInterceptor("flush-before-get-of-chunk-1", interceptor)));
  }
}
