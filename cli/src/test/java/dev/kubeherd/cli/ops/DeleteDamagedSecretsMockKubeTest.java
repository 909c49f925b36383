package dev.kubeherd.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.CliHarness;
import dev.kubeherd.cli.CliHarness.Result;
import dev.kubeherd.cli.KubeTestBackend;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In Kubernetes mode, as in local mode, a project or build that cannot be read can still be deleted
 * with brig, which says what it removed.
 */
@EnableMockKube
class DeleteDamagedSecretsMockKubeTest {
  static KubernetesClient client;
  static final AtomicInteger NAMESPACES = new AtomicInteger();
  static final String PROJECT = "brigade-damaged";
  static final String BUILD = "01damagedbuild";

  @TempDir Path dir;
  String ns;
  BrigApp app;

  @BeforeEach
  void namespace() {
    ns = "damaged-" + NAMESPACES.incrementAndGet();
    Clock clock = Clock.systemUTC();
    app = new BrigApp(KubeTestBackend.on(client, ns, clock), clock, Map.of());
    DamagedSecrets.project(client, ns, PROJECT);
    DamagedSecrets.build(client, ns, BUILD, PROJECT);
  }

  Result brig(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "-n";
    all[1] = ns;
    System.arraycopy(args, 0, all, 2, args.length);
    return new CliHarness(dir).brig(app, all);
  }

  private boolean exists(String secret) {
    return client.secrets().inNamespace(ns).withName(secret).get() != null;
  }

  @Test
  void anUnreadableBuildIsDeletedWithForceOnly() {
    Result refused = brig("build", "delete", BUILD);

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err())
        .contains("build " + BUILD + " cannot be read")
        .contains("'brig build delete --force " + BUILD + "'");
    assertThat(exists("brigade-worker-" + BUILD)).isTrue();

    Result deleted = brig("build", "delete", "--force", BUILD);

    assertThat(deleted.exitCode()).as(deleted.err()).isZero();
    assertThat(deleted.err())
        .contains("Deleted unreadable build " + BUILD + " (Secret " + ns + "/brigade-worker-")
        .contains(BUILD);
    assertThat(exists("brigade-worker-" + BUILD)).isFalse();
  }

  @Test
  void deleteAllWithForceDeletesTheProjectsUnreadableBuilds() {
    Result deleted = brig("build", "delete-all", "--force", "-v", PROJECT);

    assertThat(deleted.exitCode()).as(deleted.err()).isZero();
    assertThat(deleted.err()).contains("deleted unreadable build " + BUILD);
    assertThat(exists("brigade-worker-" + BUILD)).isFalse();
  }

  @Test
  void anUnreadableProjectIsDeletedByItsId() {
    Result deleted = brig("project", "delete", PROJECT);

    assertThat(deleted.exitCode()).as(deleted.err()).isZero();
    assertThat(deleted.err())
        .contains("Deleted unreadable project " + PROJECT + " (Secret " + ns + "/" + PROJECT + ")");
    assertThat(exists(PROJECT)).isFalse();
  }
}
