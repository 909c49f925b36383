package dev.kubeherd.kube.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.ProjectExistsException;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.kube.brigade.ProjectSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A create whose first attempt reached the API server but got no good answer (a timeout, a 5xx) is
 * retried; the retry's 409 is then our own Secret, not someone else's project.
 */
@EnableKubernetesMockClient // expectations, consumed once each: one test's answers never leak
class SecretProjectStoreRetryMockKubeTest {
  static KubernetesMockServer server;
  private static final String NS = "default";
  private static final String SECRETS = "/api/v1/namespaces/" + NS + "/secrets";

  private KubernetesClient client;
  private final Project project =
      new Project(
          ProjectIds.fromName("acme/rocket"),
          "acme/rocket",
          NS,
          Map.of("cloneURL", "https://github.com/acme/rocket.git"));
  private final Secret ours = ProjectSecrets.toSecret(project, NS);

  @BeforeEach
  void setUp() {
    client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl(server.url("/"))
                    .withTrustCerts(true)
                    .withRequestRetryBackoffLimit(0)
                    .withNamespace(NS)
                    .build())
            .build();
    server
        .expect()
        .post()
        .withPath(SECRETS)
        .andReturn(500, new StatusBuilder().withCode(500).withMessage("etcd timeout").build())
        .once();
    server
        .expect()
        .post()
        .withPath(SECRETS)
        .andReturn(
            409,
            new StatusBuilder()
                .withCode(409)
                .withReason("AlreadyExists")
                .withMessage("exists")
                .build())
        .once();
  }

  @AfterEach
  void close() {
    client.close();
  }

  private SecretProjectStore store() {
    return new SecretProjectStore(
        client, NS, new KubeRetry(3, Duration.ofMillis(1), Duration.ofMillis(1), d -> {}));
  }

  @Test
  void conflictAfterAFailedAttemptWithOurOwnSecretIsACreate() throws Exception {
    server
        .expect()
        .get()
        .withPath(SECRETS + "/" + ours.getMetadata().getName())
        .andReturn(200, ours)
        .once();

    assertThatCode(() -> store().create(project)).doesNotThrowAnyException();
    assertThat(server.getLastRequest().getMethod()).isEqualTo("GET");
  }

  @Test
  void conflictAfterAFailedAttemptWithSomeoneElsesSecretIsStillRefused() {
    Secret theirs =
        new SecretBuilder(ours).withData(Map.of("cloneURL", "aHR0cHM6Ly9vdGhlcg==")).build();
    server
        .expect()
        .get()
        .withPath(SECRETS + "/" + ours.getMetadata().getName())
        .andReturn(200, theirs)
        .once();

    assertThatThrownBy(() -> store().create(project))
        .isInstanceOf(ProjectExistsException.class)
        .hasMessageContaining("already exists");
  }
}
