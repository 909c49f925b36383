package dev.kubeherd.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.DirectoryProjectStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableMockKube
class LeaderElectionMockKubeTest {
  static KubernetesClient client;
  static KubernetesMockServer server;
  private static final String NS = "leader";

  @TempDir Path home;

  @Test
  void onlyTheLeaderDispatchesAndTheOtherTakesOverWithoutRerunning() throws Exception {
    DirectoryBuildStore builds = new DirectoryBuildStore(new LocalHome(home), Clock.systemUTC());
    DirectoryProjectStore projects = new DirectoryProjectStore(new LocalHome(home));
    String projectId = ProjectIds.fromName("brigadecore/empty-testbed");
    projects.create(new Project(projectId, "brigadecore/empty-testbed", NS, Map.of()));
    Build first = builds.create(BuildRequest.of(projectId, "exec", "brigade-cli"));

    try (ControllerApp a = app("a", builds, projects);
        ControllerApp b = app("b", builds, projects)) {
      a.start();
      b.start();

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> a.election().isLeader() || b.election().isLeader());
      ControllerApp leader = a.election().isLeader() ? a : b;
      ControllerApp standby = leader == a ? b : a;
      await().atMost(Duration.ofSeconds(30)).until(() -> pods().size() == 1);
      assertThat(leader.controller().isDispatching()).isTrue();
      assertThat(standby.controller().isDispatching()).isFalse();
      assertThat(standby.controller().admission().running()).isZero();
      String uid = pods().get(0).getMetadata().getUid();

      leader.close(); // gives up the lease

      await().atMost(Duration.ofSeconds(30)).until(() -> standby.controller().isDispatching());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> standby.controller().admission().holdsSlot(first.id()));
      assertThat(pods())
          .singleElement()
          .satisfies(p -> assertThat(p.getMetadata().getUid()).isEqualTo(uid));
    }
  }

  private ControllerApp app(
      String identity, DirectoryBuildStore builds, DirectoryProjectStore projects) {
    Map<String, String> env = new HashMap<>();
    env.put("BRIGADE_NAMESPACE", NS);
    env.put("KUBEHERD_LEASE_IDENTITY", identity);
    env.put("KUBEHERD_LEASE_DURATION", "3s");
    env.put("KUBEHERD_LEASE_RENEW_DEADLINE", "2s");
    env.put("KUBEHERD_LEASE_RETRY_PERIOD", "200ms");
    env.put("KUBEHERD_VACUUM_INTERVAL", "0");
    ControllerConfig config = ControllerConfig.fromEnv(env);
    return new ControllerApp(config, client, builds, projects, l -> () -> {}, Clock.systemUTC());
  }

  private static List<Pod> pods() {
    return client.pods().inNamespace(NS).list().getItems();
  }
}
