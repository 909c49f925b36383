package dev.kubeherd.kube.store;

import static dev.kubeherd.kube.store.MockKube.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import dev.kubeherd.kube.job.JobPodContext;
import dev.kubeherd.kube.job.JobPodFactory;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What deleting a build (brig build delete, the vacuum) removes besides its pods and Secrets. */
@EnableMockKube
class BuildDeletionMockKubeTest {
  static KubernetesClient client;
  private static final String PROJECT = "brigade-p";
  private SecretBuildStore store;

  @BeforeEach
  void setUp() {
    MockKube.clear(client);
    client.persistentVolumeClaims().inNamespace(NAMESPACE).delete();
    store = new SecretBuildStore(client, NAMESPACE, Clock.systemUTC());
  }

  @Test
  void deleteRemovesTheBuildStoragePvcALostWorkerLeftButNoJobCacheOrOtherBuildsStorage() {
    Build gone = store.create(BuildRequest.of(PROJECT, "push", "github"));
    Build kept = store.create(BuildRequest.of(PROJECT, "push", "github"));
    put(buildStorage(gone)); // its worker was OOM-killed before it released the claim
    put(buildStorage(kept));
    put(jobCache("test"));

    assertThat(store.delete(gone.id())).isTrue();

    assertThat(names(client.persistentVolumeClaims().inNamespace(NAMESPACE).list().getItems()))
        .containsExactlyInAnyOrder(
            buildStorage(kept).getMetadata().getName(), jobCache("test").getMetadata().getName());
  }

  /** What the worker's {@code BuildStorage} creates for the build (v1's labels, contract §2.4). */
  private static PersistentVolumeClaim buildStorage(Build b) {
    Project project = new Project(PROJECT, "acme/rocket", NAMESPACE, Map.of());
    JobPodContext ctx =
        new JobPodContext(
            project, b.id(), b.workerName(), NAMESPACE, "", "", "", "", "", "", "", "", "");
    PersistentVolumeClaim pvc = new JobPodFactory(ctx, Clock.systemUTC()).buildPvc();
    assertThat(pvc.getMetadata().getLabels())
        .containsEntry(BrigadeLabels.COMPONENT, BrigadeLabels.COMPONENT_BUILD_STORAGE)
        .containsEntry(BrigadeLabels.BUILD, b.id());
    return pvc;
  }

  /** A v1 job cache claim: per project and job, no build label. */
  private static PersistentVolumeClaim jobCache(String job) {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName("acme-rocket-" + job)
        .withLabels(
            Map.of(
                BrigadeLabels.HERITAGE,
                BrigadeLabels.BRIGADE,
                BrigadeLabels.COMPONENT,
                BrigadeLabels.COMPONENT_JOB_CACHE,
                BrigadeLabels.JOB,
                job,
                BrigadeLabels.PROJECT,
                PROJECT))
        .endMetadata()
        .build();
  }

  private static void put(PersistentVolumeClaim pvc) {
    client.persistentVolumeClaims().inNamespace(NAMESPACE).resource(pvc).create();
  }

  private static List<String> names(List<? extends HasMetadata> l) {
    return l.stream().map(o -> o.getMetadata().getName()).toList();
  }
}
