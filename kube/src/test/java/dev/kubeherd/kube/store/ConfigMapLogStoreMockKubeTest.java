package dev.kubeherd.kube.store;

import static dev.kubeherd.kube.store.MockKube.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kubeherd.core.BuildNotFoundException;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.port.LogSink;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import dev.kubeherd.kube.brigade.KubeherdAnnotations;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableMockKube
class ConfigMapLogStoreMockKubeTest {
  static KubernetesClient client;
  static KubernetesMockServer server;
  private Build build;

  @BeforeEach
  void setUp() {
    MockKube.clear(client);
    build =
        new SecretBuildStore(client, NAMESPACE, Clock.systemUTC())
            .create(BuildRequest.of("brigade-p", "exec", "brigade-cli"));
  }

  private static ConfigMapLogStore store(Duration interval, int chunkBytes) {
    return new ConfigMapLogStore(client, NAMESPACE, Clock.systemUTC(), interval, chunkBytes);
  }

  private List<ConfigMap> logMaps() {
    return client
        .configMaps()
        .inNamespace(NAMESPACE)
        .withLabels(BrigadeLabels.logLabels(build.id()))
        .list()
        .getItems();
  }

  @Test
  void writesAreBatchedAndReachOtherReadersWithinAFlushInterval() {
    try (ConfigMapLogStore writer = store(Duration.ofMillis(200), 4096);
        ConfigMapLogStore reader = store(Duration.ofHours(1), 4096);
        LogSink log = writer.open(build.id(), "worker")) {
      int requestsBefore = server.getRequestCount();
      IntStream.range(0, 100).forEach(i -> log.line("line " + i));

      assertThat(server.getRequestCount() - requestsBefore)
          .as("writing lines makes no API call; the flusher sends them later")
          .isLessThanOrEqualTo(2);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> reader.read(build.id(), "worker").lines().count() == 100);
      assertThat(logMaps()).hasSize(1);
    }
  }

  @Test
  void longLogsSpanChunksOfWholeLinesAndReadBackInOrder() {
    String expected =
        IntStream.range(0, 200).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
    try (ConfigMapLogStore logs = store(Duration.ofHours(1), 256)) {
      try (LogSink log = logs.open(build.id(), "worker")) {
        for (String line : expected.lines().toList()) {
          log.line(line);
        }
      }

      assertThat(logs.read(build.id(), "worker")).isEqualTo(expected);
    }
    List<ConfigMap> chunks = logMaps();
    assertThat(chunks).hasSizeGreaterThan(5);
    assertThat(chunks)
        .allSatisfy(
            c -> {
              assertThat(LogConfigMaps.text(c)).endsWith("\n");
              assertThat(LogConfigMaps.utf8Length(LogConfigMaps.text(c))).isLessThanOrEqualTo(256);
              assertThat(c.getMetadata().getAnnotations())
                  .containsEntry(KubeherdAnnotations.LOG_SOURCE, "worker");
            });
  }

  @Test
  void logConfigMapsAreOwnedByTheBuildSecretSoTheyGoWithTheBuild() {
    try (ConfigMapLogStore logs = store(Duration.ofHours(1), 4096);
        LogSink log = logs.open(build.id(), "worker")) {
      log.line("hello");
    }

    ConfigMap chunk = logMaps().getFirst();
    assertThat(chunk.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.getKind()).isEqualTo("Secret");
              assertThat(o.getName()).isEqualTo(build.workerName());
            });
  }

  @Test
  void logsOutliveTheJobPod() {
    String pod = "test-" + build.id();
    try (ConfigMapLogStore logs = store(Duration.ofHours(1), 4096)) {
      try (LogSink log = logs.open(build.id(), pod)) {
        log.line("done");
      }
      client.pods().inNamespace(NAMESPACE).withName(pod).delete();

      assertThat(logs.read(build.id(), pod)).isEqualTo("done\n");
      assertThat(logs.sources(build.id())).containsExactly(pod);
    }
  }

  @Test
  void openingALogOfAnUnknownBuildFails() {
    try (ConfigMapLogStore logs = store(Duration.ofHours(1), 4096)) {
      assertThatThrownBy(() -> logs.open("01hzzzzzzzzzzzzzzzzzzzzzzz", "worker"))
          .isInstanceOf(BuildNotFoundException.class)
          .hasMessageContaining("create the build first");
    }
  }
}
