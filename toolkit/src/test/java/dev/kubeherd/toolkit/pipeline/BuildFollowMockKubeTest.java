package dev.kubeherd.toolkit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.kube.brigade.BrigadeNames;
import dev.kubeherd.kube.store.ConfigMapLogStore;
import dev.kubeherd.kube.store.SecretBuildStore;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link BuildFollow} on the mock API server when the API refuses its reads. */
@EnableMockKube
class BuildFollowMockKubeTest {
  static final AtomicInteger NAMESPACES = new AtomicInteger();
  static KubernetesClient client;
  static KubernetesMockServer server;

  @Test
  void aRefusedReadOfTheFollowedBuildIsAKubeApiFailureWithExitThree() {
    String ns = "follow-" + NAMESPACES.incrementAndGet();
    SecretBuildStore builds = new SecretBuildStore(client, ns, Clock.systemUTC());
    Build build = builds.create(BuildRequest.of("brigade-0123", "run", "brigadm"));
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/" + ns + "/secrets/" + BrigadeNames.workerName(build.id()))
        .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"message\":\"no secrets\"}")
        .always();

    try (ConfigMapLogStore logs = new ConfigMapLogStore(client, ns, Clock.systemUTC())) {
      BuildFollow follow =
          new BuildFollow(builds, logs, Duration.ofMillis(10), new PrintWriter(new StringWriter()));

      assertThatThrownBy(() -> follow.await(build.id(), Duration.ofSeconds(5)))
          .isInstanceOfSatisfying(
              KubeApiException.class,
              e -> assertThat(e.exitCode()).isEqualTo(ToolkitExitCodes.REMOTE_FAILED))
          .hasMessageContaining("Kubernetes API failed while following build " + build.id())
          .hasMessageContaining("HTTP 403: no secrets");
    }
  }
}
