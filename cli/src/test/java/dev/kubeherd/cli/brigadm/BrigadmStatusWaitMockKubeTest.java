package dev.kubeherd.cli.brigadm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.CliHarness;
import dev.kubeherd.cli.CliHarness.Result;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code brigadm status} and {@code brigadm wait init} on the mock API server. */
@EnableMockKube
class BrigadmStatusWaitMockKubeTest {
  static final AtomicInteger NAMESPACES = new AtomicInteger();
  static KubernetesClient client;
  static KubernetesMockServer server;

  @TempDir Path dir;
  CliHarness cli;
  String ns;

  @BeforeEach
  void setUp() {
    ns = "status-" + NAMESPACES.incrementAndGet();
    cli = new CliHarness(dir.resolve("home"));
    cli.kube = client;
  }

  private void install() {
    Result r = cli.brigadm("init", "--repository", "acme/app", "--namespace", ns);
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  private void engineBecomesAvailable() {
    Deployment d =
        client.apps().deployments().inNamespace(ns).withName("kubeherd-controller").get();
    d.setStatus(
        new DeploymentStatusBuilder()
            .withConditions(
                new DeploymentConditionBuilder().withType("Available").withStatus("True").build())
            .build());
    client.apps().deployments().inNamespace(ns).resource(d).updateStatus();
  }

  @Test
  void statusOfAnEmptyNamespaceExitsThreeSayingWhatIsMissing() {
    Result r = cli.brigadm("status", "--namespace", ns);

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.out()).isEqualTo("namespace " + ns + ": engine missing, no project\n");
  }

  @Test
  void statusAfterInitExitsZeroAndReportsJson() {
    install();

    Result text = cli.kubeherd("brigadm", "status", "-n", ns);
    Result json = cli.brigadm("status", "-n", ns, "-o", "json");

    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out())
        .isEqualTo("namespace " + ns + ": engine installed, not yet available, project acme/app\n");
    assertThat(json.exitCode()).isZero();
    assertThat(json.out())
        .contains("\"installed\" : true")
        .contains("\"engineAvailable\" : false")
        .contains("\"engineDeployment\" : \"kubeherd-controller\"")
        .contains("\"projects\" : [ \"acme/app\" ]");
  }

  @Test
  void waitExitsThreeWhenTheKubernetesApiRefusesThePoll() {
    server
        .expect()
        .get()
        .withPath("/apis/apps/v1/namespaces/" + ns + "/deployments/kubeherd-controller")
        .andReturn(500, "{\"kind\":\"Status\",\"code\":500,\"message\":\"etcd is down\"}")
        .always();

    Result r = cli.brigadm("wait", "init", "--namespace", ns, "--timeout", "30s");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
    assertThat(r.err())
        .contains("Kubernetes API failed while reading the pipeline of namespace " + ns)
        .contains("HTTP 500: etcd is down");
  }

  @Test
  void waitInitTimesOutWithWhatIsStillMissing() {
    install();
    Instant start = Instant.now();

    Result r = cli.brigadm("wait", "init", "--namespace", ns, "--timeout", "1s");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
    assertThat(r.err())
        .contains("waiting: namespace " + ns + ": engine installed, not yet available")
        .contains("timed out after 1s waiting for the pipeline")
        .contains("pass a longer --timeout");
  }

  @Test
  void waitInitReturnsOnceTheEngineIsAvailableAndTheProjectExists() throws Exception {
    install();
    CompletableFuture<Result> waiting =
        CompletableFuture.supplyAsync(
            () -> cli.brigadm("wait", "--namespace", ns, "--timeout", "30s"));
    Thread.sleep(500);
    assertThat(waiting).isNotDone();

    engineBecomesAvailable();

    Result r = waiting.get();
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualTo("ready: namespace " + ns + ": engine available, project acme/app\n");
    assertThat(r.err())
        .contains("engine installed, not yet available")
        .contains("engine available");
  }
}
