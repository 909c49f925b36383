package dev.kubeherd.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import dev.kubeherd.kube.store.SecretBuildStore;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The vacuum on the Secret-backed store: a finished build goes with its worker pod, job pods and
 * job Secrets; a running build stays, however old.
 */
@EnableMockKube
class VacuumSecretsMockKubeTest {
  static KubernetesClient client;
  static final String NS = "vacuum";
  static final String PROJECT = ProjectIds.fromName("acme/app");

  @Test
  void deletesFinishedBuildsWithTheirPodsAndNeverARunningOne() {
    SecretBuildStore builds = new SecretBuildStore(client, NS, Clock.systemUTC());
    Build finished = builds.create(BuildRequest.of(PROJECT, "exec", "brigade-cli"));
    builds.claim(finished.id(), finished.workerName());
    builds.updateStatus(
        finished.id(),
        builds.find(finished.id()).orElseThrow().status().finished(true, 0, Instant.now(), ""));
    Build running = builds.create(BuildRequest.of(PROJECT, "exec", "brigade-cli"));
    builds.claim(running.id(), running.workerName());
    pod(finished.workerName(), finished.id(), BrigadeLabels.COMPONENT_BUILD);
    pod("job-" + finished.id(), finished.id(), BrigadeLabels.COMPONENT_JOB);
    pod(running.workerName(), running.id(), BrigadeLabels.COMPONENT_BUILD);
    Clock muchLater = Clock.fixed(Instant.now().plus(Duration.ofDays(60)), ZoneOffset.UTC);

    List<String> deleted =
        new Vacuum(builds, new VacuumPolicy(Duration.ofDays(30), -1), muchLater).runOnce();

    assertThat(deleted).containsExactly(finished.id());
    assertThat(builds.find(finished.id())).isEmpty();
    assertThat(builds.find(running.id())).isPresent();
    assertThat(client.pods().inNamespace(NS).list().getItems())
        .extracting(p -> p.getMetadata().getName())
        .containsExactly(running.workerName());
    assertThat(builds.list(Optional.empty())).extracting(Build::id).containsExactly(running.id());
  }

  private static void pod(String name, String buildId, String component) {
    client
        .pods()
        .inNamespace(NS)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels(BrigadeLabels.HERITAGE, BrigadeLabels.BRIGADE)
                .addToLabels(BrigadeLabels.COMPONENT, component)
                .addToLabels(BrigadeLabels.BUILD, buildId)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("c")
                .withImage("busybox")
                .endContainer()
                .endSpec()
                .build())
        .create();
  }
}
