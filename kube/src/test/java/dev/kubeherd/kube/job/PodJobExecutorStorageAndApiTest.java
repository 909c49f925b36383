package dev.kubeherd.kube.job;

import static dev.kubeherd.kube.job.MockKubeJobs.FAST;
import static dev.kubeherd.kube.job.MockKubeJobs.NS;
import static dev.kubeherd.kube.job.MockKubeJobs.job;
import static dev.kubeherd.kube.job.MockKubeJobs.phase;
import static dev.kubeherd.kube.job.MockKubeJobs.resultOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.JobPodOptions.Cache;
import dev.kubeherd.core.model.JobPodOptions.Storage;
import dev.kubeherd.core.model.JobResult;
import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PodJobExecutor} against the fabric8 mock API server (CRUD mode): the cache and build
 * storage PVCs, and how API server errors and refusals reach the job result.
 */
@EnableMockKube
class PodJobExecutorStorageAndApiTest {
  static KubernetesClient client;
  static KubernetesMockServer server;

  MockKubeJobs kube;

  @BeforeEach
  void fixture() {
    kube = new MockKubeJobs(client, server);
  }

  @AfterEach
  void closeExecutors() {
    kube.close();
  }

  @Test
  void cachePvcIsCreatedOnceAndReusedByLaterBuilds() throws Exception {
    String first = "01build0000000000000000006";
    String second = "01build0000000000000000007";
    JobSpec one = job(first, "cached", j -> j.cache = new Cache(true, "2Gi", ""));
    JobSpec two = job(second, "cached", j -> j.cache = new Cache(true, "9Gi", ""));
    kube.kubelet(one.podName(), "1\n", phase("Succeeded"));
    assertThat(resultOf(kube.executor(first).start(one, kube.sink())).failure()).isEmpty();
    PersistentVolumeClaim created =
        client
            .persistentVolumeClaims()
            .inNamespace(NS)
            .withName("github-com-org-repo-cached")
            .get();
    assertThat(created.getSpec().getResources().getRequests().get("storage"))
        .isEqualTo(new Quantity("2Gi"));

    kube.kubelet(two.podName(), "2\n", phase("Succeeded"));
    assertThat(resultOf(kube.executor(second).start(two, kube.sink())).failure()).isEmpty();

    PersistentVolumeClaim reused =
        client
            .persistentVolumeClaims()
            .inNamespace(NS)
            .withName("github-com-org-repo-cached")
            .get();
    assertThat(reused.getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());
    assertThat(reused.getSpec().getResources().getRequests().get("storage"))
        .isEqualTo(new Quantity("2Gi"));
  }

  @Test
  void buildStorageIsCreatedByTheFirstStorageJobAndReleasedAtTheEnd() throws Exception {
    String build = "01build0000000000000000008";
    JobPodFactory factory = MockKubeJobs.factory(build);
    BuildStorage storage = new BuildStorage(client, factory, FAST, kube.progress::add);
    PodJobExecutor executor = kube.executor(factory, storage);
    var claims = client.persistentVolumeClaims().inNamespace(NS);
    String claim = "brigade-worker-" + build;
    JobSpec plain = job(build, "nostore", j -> {});
    kube.kubelet(plain.podName(), "", phase("Succeeded"));
    resultOf(executor.start(plain, kube.sink()));
    assertThat(claims.withName(claim).get()).as("no storage job yet").isNull();

    JobSpec stored = job(build, "store", j -> j.storage = new Storage(true, ""));
    kube.kubelet(stored.podName(), "", phase("Succeeded"));
    assertThat(resultOf(executor.start(stored, kube.sink())).failure()).isEmpty();
    assertThat(claims.withName(claim).get()).isNotNull();

    storage.release();
    assertThat(claims.withName(claim).get()).isNull();
  }

  @Test
  void serverErrorsAreRetriedByTheExecutor() throws Exception {
    String build = "01build0000000000000000009";
    JobSpec spec = job(build, "retry", j -> {});
    server
        .expect()
        .post()
        .withPath("/api/v1/namespaces/" + NS + "/secrets")
        .andReturn(503, "{\"kind\":\"Status\",\"code\":503,\"message\":\"etcd busy\"}")
        .once();
    kube.kubelet(spec.podName(), "ok\n", phase("Succeeded"));
    Config noClientRetry =
        new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build();
    JobResult result;
    try (KubernetesClient plain = new KubernetesClientBuilder().withConfig(noClientRetry).build()) {
      JobPodFactory factory = MockKubeJobs.factory(build);
      try (PodJobExecutor executor =
          new PodJobExecutor(
              plain,
              factory,
              new BuildStorage(plain, factory, FAST, kube.progress::add),
              FAST,
              kube.progress::add)) {
        result = resultOf(executor.start(spec, kube.sink()));
      }
    }

    assertThat(result.succeeded()).isTrue();
    assertThat(client.secrets().inNamespace(NS).withName(spec.podName()).get()).isNotNull();
  }

  @Test
  void apiRefusalRejectsWithTheServersMessage() throws Exception {
    String build = "01build000000000000000000a";
    JobSpec spec = job(build, "dup", j -> {});
    client.secrets().inNamespace(NS).resource(MockKubeJobs.factory(build).secret(spec)).create();

    JobResult result = resultOf(kube.executor(build).start(spec, kube.sink()));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.failure()).startsWith("Error: ").contains("already exists");
    assertThat(kube.pods().withName(spec.podName()).get()).isNull();
  }
}
