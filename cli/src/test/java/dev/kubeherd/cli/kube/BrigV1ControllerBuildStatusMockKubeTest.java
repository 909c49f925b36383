package dev.kubeherd.cli.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.KubeTestBackend;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * brig against a cluster whose builds a Brigade v1 controller accepted (still running it, or before
 * the kubeherd controller has seen them): a build's status is its worker pod's phase (contract
 * §2.6), not "Running" for every build the v1 controller ever accepted.
 */
@EnableMockKube
class BrigV1ControllerBuildStatusMockKubeTest {
  static KubernetesClient client;
  static KubernetesMockServer server;
  static final AtomicInteger NAMESPACES = new AtomicInteger();
  static final String PROJECT = "brigade-407900363c01e6153bc1a91792055b898e20a29f1387b72a0b6f00";
  static final String BUILD = "01ckcc06200kqdvkdp3nc65bap";
  static final String WORKER = "brigade-worker-" + BUILD;
  static final Clock CLOCK = Clock.fixed(Instant.parse("2020-05-01T12:00:00Z"), ZoneOffset.UTC);

  String ns;

  @BeforeEach
  void setUp() {
    ns = "v1-status-" + NAMESPACES.incrementAndGet();
    client
        .secrets()
        .inNamespace(ns)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(WORKER)
                .addToLabels(labels())
                .addToLabels("status", "accepted")
                .endMetadata()
                .withType("brigade.sh/build")
                .addToStringData("event_type", "exec")
                .addToStringData("event_provider", "brigade-cli")
                .addToStringData("project_id", PROJECT)
                .addToStringData("build_name", WORKER)
                .build())
        .create();
  }

  private static Map<String, String> labels() {
    return Map.of("heritage", "brigade", "component", "build", "project", PROJECT, "build", BUILD);
  }

  private void workerPod(String phase) {
    client
        .pods()
        .inNamespace(ns)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(WORKER)
                .addToLabels(labels())
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("brigade-runner")
                .withImage("brigadecore/brigade-worker:v1.5.0")
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase(phase)
                .withStartTime("2020-05-01T10:00:00Z")
                .addNewContainerStatus()
                .withName("brigade-runner")
                .withNewState()
                .withNewTerminated()
                .withExitCode("Failed".equals(phase) ? 1 : 0)
                .withFinishedAt("2020-05-01T10:03:00Z")
                .endTerminated()
                .endState()
                .endContainerStatus()
                .endStatus()
                .build())
        .create();
  }

  private String[] brig(String... args) {
    BrigApp app = new BrigApp(KubeTestBackend.on(client, ns, CLOCK), CLOCK, Map.of());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = app.brig();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  @Test
  void buildListShowsTheV1WorkerPodsPhaseAndAge() {
    workerPod("Failed");

    String[] r = brig("build", "list");

    assertThat(r[0]).as(r[2]).isEqualTo("0");
    assertThat(r[1]).contains(BUILD + "  exec  brigade-cli  " + PROJECT + "  Failed  1h");
  }

  @Test
  void buildDeleteDeletesAFinishedV1BuildWithoutForce() {
    workerPod("Succeeded");

    String[] r = brig("build", "delete", BUILD);

    assertThat(r[0]).as(r[2]).isEqualTo("0");
    assertThat(r[2]).doesNotContain("skipped");
    assertThat(client.secrets().inNamespace(ns).withName(WORKER).get()).isNull();
    assertThat(client.pods().inNamespace(ns).withName(WORKER).get()).isNull();
  }

  @Test
  void aV1BuildWhoseWorkerStillRunsStaysRunningAndIsSkippedByDelete() {
    workerPod("Running");

    String[] r = brig("build", "delete", BUILD);

    assertThat(r[2]).contains("is Running; skipped");
    assertThat(client.secrets().inNamespace(ns).withName(WORKER).get()).isNotNull();
  }
}
