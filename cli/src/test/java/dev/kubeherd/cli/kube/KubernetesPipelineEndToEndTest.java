package dev.kubeherd.cli.kube;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.kubeherd.cli.CliHarness;
import dev.kubeherd.cli.LocalServerE2e;
import dev.kubeherd.cli.PipelineChain;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.kube.store.SecretBuildStore;
import dev.kubeherd.kube.store.SecretProjectStore;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import dev.kubeherd.testsupport.tools.SyncStandIns.Call;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's chain in Kubernetes mode on the fabric8 mock API server, offline, from a controller
 * node's {@code brigadm bootstrap}: deploy key and GitHub token from SSM (WireMock) → the bootstrap
 * pipeline in {@code cluster-system-boot} and its {@code init} build → the controller's worker pod
 * (our worker in-process) → the bundled master script's {@code sync-master} job pod → {@code
 * kubeherd sync master --create} on the job's checkout of the cluster repository → the
 * cluster-infra helmfile, then per app of apps.yaml {@code kubectl get namespace}, decrypt and the
 * app-infra helmfile, whose stand-in installs the app's project Secret on the mock server (the
 * kubeherd-project release's work, with {@code kubeherd brig project create}) → a signed GitHub
 * {@code deployment} of the app repository to {@code kubeherd gateway} in Kubernetes mode → the app
 * namespace's controller, worker pod and {@code sync-app} job pod → {@code kubeherd sync app} at
 * the deployment's commit → deployment statuses {@code in_progress} then {@code success} on
 * WireMock as GitHub.
 *
 * <p>Git goes over SSH with the deploy key: the cluster and app repositories are JGit repositories
 * served by an embedded SSH server ({@code GitSshServer}), cloned by the pods' {@code vcs-sidecar}
 * init containers ({@link GitSidecarRunner}, the toolkit's JGit checkout with the key the kubelet
 * resolves from the project Secret), with {@code github.com} mapped to that server. The app
 * repositories apps.yaml names for the app values are {@code file://} URLs (the sync job has no key
 * flag). The kubelet is {@code PodSimulator}; job images are ignored, their commands run on this
 * host with {@code kubeherd} = this build's classes and recording stand-ins for helmfile, sops and
 * kubectl ({@code SyncStandIns}). The app namespace's {@code kubeherd-sync} Secret (the sops key
 * the jobs reference) is created by the test, as the app-infra release would.
 */
@EnableMockKube
class KubernetesPipelineEndToEndTest {
  static KubernetesClient client;
  static KubernetesMockServer server;

  @RegisterExtension
  static WireMockExtension ssm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension github =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;
  KubePipelineStage stage;
  final List<AutoCloseable> running = new ArrayList<>();

  @BeforeEach
  void stage() throws Exception {
    stage = KubePipelineStage.create(dir, client, ssm, github);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : running.reversed()) {
      c.close();
    }
    stage.close();
  }

  @Test
  void bootstrapSyncsTheClusterAndEveryAppThenADeploymentSyncsTheAppAndReportsSuccess()
      throws Exception {
    CliHarness.Result boot = stage.bootstrap();
    assertThat(boot.exitCode()).as(boot.err()).isZero();
    assertThat(boot.out())
        .startsWith("init fired: build ")
        .endsWith(" in namespace cluster-system-boot\n");
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace(KubePipelineStage.BOOT)
                .withName("kubeherd-controller")
                .get())
        .as("bootstrap installed the engine the test runs in-process")
        .isNotNull();
    running.add(stage.engine(server, KubePipelineStage.BOOT));

    Build init = awaitFinished(KubePipelineStage.BOOT);
    assertThat(init.request().type()).isEqualTo("init");
    assertThat(init.status().phase()).as(stage.logs()).isEqualTo(BuildPhase.SUCCEEDED);
    for (String app : KubePipelineStage.APPS) {
      assertThat(new SecretProjectStore(client, app).find("your-org/" + app))
          .as("the app-infra release of " + app + " installed its pipeline")
          .isPresent();
    }

    stage.installSyncSecret();
    running.add(stage.engine(server, KubePipelineStage.APP));
    GatewayThread gateway = stage.gateway(server);
    running.add(gateway);
    LocalServerE2e.stubStatesInOrder(github, KubePipelineStage.STATUSES, "in_progress", "success");
    HttpResponse<String> hook =
        LocalServerE2e.deliver(
            gateway.port, "deployment", stage.deployment(), KubePipelineStage.HOOK_SECRET);
    assertThat(hook.statusCode()).as(hook.body()).isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> github.verify(2, postRequestedFor(urlEqualTo(KubePipelineStage.STATUSES))));
    Build deploy = awaitFinished(KubePipelineStage.APP);
    assertThat(deploy.status().phase()).as(stage.logs()).isEqualTo(BuildPhase.SUCCEEDED);
    assertThat(deploy.request().revision().commit()).isEqualTo(stage.appSha);
    assertThat(LocalServerE2e.scenarioState(github)).isEqualTo("success");
    assertStatusBodies(deploy);
    assertToolCallsInOrder(stage.tools.calls());
    stage.assertNoSecretAnywhere();
  }

  /** Exactly what GitHub receives: state and description, the token as bearer. */
  private void assertStatusBodies(Build deploy) {
    for (String[] s : new String[][] {{"in_progress", "is running"}, {"success", "succeeded"}}) {
      github.verify(
          1,
          postRequestedFor(urlEqualTo(KubePipelineStage.STATUSES))
              .withHeader("Authorization", equalTo("Bearer " + KubePipelineStage.TOKEN))
              .withRequestBody(
                  equalToJson(
                      "{\"state\":\""
                          + s[0]
                          + "\",\"log_url\":\""
                          + KubePipelineStage.DASHBOARD
                          + "/builds/"
                          + deploy.id()
                          + "\",\"description\":\"Build "
                          + deploy.id()
                          + " "
                          + s[1]
                          + "\"}")));
    }
  }

  private void assertToolCallsInOrder(List<Call> calls) throws Exception {
    PipelineChain.assertChainCalls(calls, stage.appSha);
    assertThat(calls.get(8).env())
        .as("the app's sync job gets the sops key from the kubeherd-sync Secret")
        .containsEntry("SOPS_AGE_KEY", KubePipelineStage.AGE_KEY);
    assertThat(calls.get(0).env())
        .as("bootstrap gives the cluster level no sops key: KMS through the node role")
        .doesNotContainKey("SOPS_AGE_KEY");
  }

  private static Build awaitFinished(String namespace) {
    SecretBuildStore builds = new SecretBuildStore(client, namespace, Clock.systemUTC());
    return await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () ->
                builds.list(Optional.empty()).stream()
                    .filter(b -> b.status().phase().isTerminal())
                    .findFirst()
                    .orElse(null),
            b -> b != null);
  }
}
