package dev.kubeherd.cli.brigadm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.kubeherd.cli.CliHarness;
import dev.kubeherd.cli.CliHarness.Result;
import dev.kubeherd.cli.SsmStub;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.kube.store.SecretBuildStore;
import dev.kubeherd.kube.store.SecretProjectStore;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code brigadm bootstrap} / {@code kubeherd init} on the mock API server: the bootstrap pipeline
 * in {@code <ns>-boot}, init fired once, concurrent bootstraps serialised by the Lease.
 */
@EnableMockKube
class BootstrapMockKubeTest {
  static final AtomicInteger NAMESPACES = new AtomicInteger();
  static KubernetesClient client;
  static KubernetesMockServer server;

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;
  String sys;

  @BeforeEach
  void setUp() {
    sys = "cluster-system-" + NAMESPACES.incrementAndGet();
  }

  private CliHarness cli(KubernetesClient kube) {
    CliHarness cli = new CliHarness(dir.resolve("home-" + System.nanoTime()));
    cli.kube = kube;
    cli.env.put("AWS_ENDPOINT_URL", wm.baseUrl());
    cli.env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    cli.env.put("AWS_SECRET_ACCESS_KEY", "test-secret");
    cli.env.put("AWS_REGION", "eu-west-1");
    return cli;
  }

  private String[] bootstrap(String identity, String... more) {
    return bootstrapWithLeaseTimeout(identity, "60s", more);
  }

  private String[] bootstrapWithLeaseTimeout(String identity, String leaseTimeout, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "bootstrap",
                "--name",
                "cluster-repo",
                "--org",
                "acme",
                "-e",
                "test",
                "-c",
                "k8stest1",
                "-u",
                "acme-bot",
                "--namespace",
                sys,
                "--identity",
                identity,
                "--lease-retry-period",
                "250ms",
                "--lease-timeout",
                leaseTimeout));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private List<Build> initBuilds() {
    return new SecretBuildStore(client, sys + "-boot", Clock.systemUTC())
        .list(Optional.empty()).stream().filter(b -> b.request().type().equals("init")).toList();
  }

  @Test
  void bootstrapInstallsTheBootPipelineFromSsmAndFiresInit() {
    SsmStub.parameter(wm, "/kubeherd/deploy-key", BrigadmInitMockKubeTest.KEY);
    SsmStub.parameter(wm, "/kubeherd/github-token", "ghp_bootstrap_token_value");

    Result r =
        cli(client)
            .brigadm(
                bootstrap(
                    "node-a",
                    "--ssh-key",
                    "/kubeherd/deploy-key",
                    "-t",
                    "/kubeherd/github-token",
                    "--brigade-script-repo",
                    "kubeherd-scripts",
                    "--brigade-script-path",
                    "bootstrap/brigade.js"));

    assertThat(r.exitCode()).as(r.err()).isZero();
    Build init = initBuilds().getFirst();
    assertThat(r.out())
        .isEqualTo("init fired: build " + init.id() + " in namespace " + sys + "-boot\n");
    Project boot =
        new SecretProjectStore(client, sys + "-boot").find("acme/kubeherd-scripts").orElseThrow();
    assertThat(boot.value("sshKey")).isEqualTo(BrigadmInitMockKubeTest.KEY);
    assertThat(boot.value("github.token")).isEqualTo("ghp_bootstrap_token_value");
    assertThat(boot.value("brigadejsPath")).isEqualTo("bootstrap/brigade.js");
    assertThat(boot.secretsJson())
        .isEqualTo(
            "{\"BOT_USER\":\"acme-bot\",\"CLUSTER\":\"k8stest1\",\"CLUSTER_REPO\":"
                + "\"acme/cluster-repo\",\"ENV\":\"test\","
                + "\"GITHUB_TOKEN_SSM_PARAMETER\":\"/kubeherd/github-token\","
                + "\"SSH_KEY_SSM_PARAMETER\":\"/kubeherd/deploy-key\"}");
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace(sys + "-boot")
                .withName("kubeherd-controller")
                .get())
        .isNotNull();
    assertThat(client.leases().inNamespace(sys + "-boot").withName("kubeherd-bootstrap").get())
        .isNotNull();
    BrigadmInitMockKubeTest.assertNoKeyIn(r.out() + r.err());
    assertThat(r.out() + r.err()).doesNotContain("ghp_bootstrap_token_value");
  }

  @Test
  void aRefusedKubernetesApiCallExitsThreeAndFiresNothing() {
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/" + sys + "-boot")
        .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"message\":\"no namespaces\"}")
        .always();

    Result r = cli(client).brigadm(bootstrap("node-a"));

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err())
        .contains("Kubernetes API failed while bootstrapping namespace " + sys + "-boot")
        .contains("HTTP 403: no namespaces")
        .contains("RBAC");
    assertThat(initBuilds()).isEmpty();
  }

  @Test
  void aRefusedReadOfTheInitMarkerExitsThreeNamingIt() {
    assertThat(cli(client).brigadm(bootstrap("node-a")).exitCode()).isZero();
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/" + sys + "-boot/configmaps/kubeherd-bootstrap-init")
        .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"message\":\"no configmaps\"}")
        .always();

    Result r = cli(client).brigadm(bootstrap("node-b"));

    assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
    assertThat(r.err())
        .contains(
            "Kubernetes API failed while claiming the init marker ConfigMap "
                + sys
                + "-boot/kubeherd-bootstrap-init")
        .contains("HTTP 403: no configmaps");
    assertThat(initBuilds()).hasSize(1);
  }

  @Test
  void aSecondBootstrapDoesNotFireInitAgain() {
    Result first = cli(client).kubeherd(as("init", bootstrap("node-a")));
    Result second = cli(client).brigadm(bootstrap("node-b"));

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(initBuilds()).hasSize(1);
    assertThat(second.out())
        .startsWith("init already fired: build " + initBuilds().getFirst().id());
  }

  @Test
  void aFailedFireGivesItsClaimUpSoTheNextBootstrapFiresInit() {
    assertThat(cli(client).brigadm(bootstrap("node-a")).exitCode()).isZero();
    Build gone = initBuilds().getFirst();
    new SecretBuildStore(client, sys + "-boot", Clock.systemUTC()).delete(gone.id());
    // the next bootstrap fires again (the recorded build is gone), but storing the build fails
    server
        .expect()
        .post()
        .withPath("/api/v1/namespaces/" + sys + "-boot/secrets")
        .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"message\":\"no secrets\"}")
        .once();

    Result failed = cli(client).brigadm(bootstrap("node-b"));

    assertThat(failed.exitCode()).as(failed.err()).isEqualTo(3);
    assertThat(failed.err())
        .contains("Kubernetes API failed while firing init on project")
        .contains("HTTP 403: no secrets");
    assertThat(marker().getData()).containsKey("released");

    Result next = cli(client).brigadm(bootstrap("node-c"));

    assertThat(next.exitCode()).as(next.err()).isZero();
    Build init = initBuilds().getFirst();
    assertThat(next.out()).startsWith("init fired: build " + init.id());
    assertThat(marker().getData()).containsEntry("build", init.id());
  }

  @Test
  void aClaimThatNeverRecordedItsBuildIsFiredAgainOnceWaitedForTheLeaseTimeout() {
    assertThat(cli(client).brigadm(bootstrap("node-a")).exitCode()).isZero();
    new SecretBuildStore(client, sys + "-boot", Clock.systemUTC())
        .delete(initBuilds().getFirst().id());
    // as a bootstrap leaves it that died between claiming and storing the build, an hour ago
    client
        .configMaps()
        .inNamespace(sys + "-boot")
        .withName("kubeherd-bootstrap-init")
        .edit(
            c ->
                new ConfigMapBuilder(c)
                    .withData(
                        Map.of(
                            "build", "", "claimedAt", CliHarness.NOW.minusSeconds(3600).toString()))
                    .build());

    // waited for --lease-timeout from when node-b first sees it, whatever claimedAt says
    Result r = cli(client).brigadm(bootstrapWithLeaseTimeout("node-b", "2s"));

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).as(r.err()).startsWith("init fired: build ");
    Build init = initBuilds().getFirst();
    assertThat(r.out()).startsWith("init fired: build " + init.id());
    assertThat(r.err())
        .contains(
            "ConfigMap "
                + sys
                + "-boot/kubeherd-bootstrap-init was claimed at 2026-03-01T11:00:00Z but has"
                + " recorded no init build in the 2s this bootstrap waited");
    assertThat(marker().getData()).containsEntry("build", init.id());
  }

  private ConfigMap marker() {
    return client.configMaps().inNamespace(sys + "-boot").withName("kubeherd-bootstrap-init").get();
  }

  @Test
  void concurrentBootstrapsTakeTurnsOnTheLeaseAndFireInitOnce() throws Exception {
    // own threads, as separate processes would be: the election's retries use the common pool
    ExecutorService nodes = Executors.newFixedThreadPool(3);
    try (KubernetesClient a = server.createClient();
        KubernetesClient b = server.createClient();
        KubernetesClient c = server.createClient()) {
      List<CompletableFuture<Result>> runs =
          List.of(
              CompletableFuture.supplyAsync(() -> cli(a).brigadm(bootstrap("node-a")), nodes),
              CompletableFuture.supplyAsync(() -> cli(b).brigadm(bootstrap("node-b")), nodes),
              CompletableFuture.supplyAsync(
                  () -> cli(c).brigadm(as("boostrap", bootstrap("node-c"))), nodes));

      for (CompletableFuture<Result> run : runs) {
        Result r = run.get();
        assertThat(r.exitCode()).as(r.err()).isZero();
      }
      assertThat(initBuilds()).hasSize(1);
      assertThat(new SecretProjectStore(client, sys + "-boot").list()).hasSize(1);
      long fired = runs.stream().filter(r -> r.join().out().startsWith("init fired")).count();
      assertThat(fired).isEqualTo(1);
      assertThat(
              client
                  .configMaps()
                  .inNamespace(sys + "-boot")
                  .withName("kubeherd-bootstrap-init")
                  .get()
                  .getData())
          .containsEntry("build", initBuilds().getFirst().id());
    } finally {
      nodes.shutdownNow();
    }
  }

  @Test
  void aMissingKeyParameterExitsThreeBeforeTouchingTheCluster() {
    wm.stubFor(
        post(urlEqualTo("/"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody("{\"__type\":\"ParameterNotFound\",\"message\":\"\"}")));

    Result r = cli(client).brigadm(bootstrap("node-a", "--ssh-key", "/kubeherd/nope"));

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("/kubeherd/nope");
    assertThat(client.namespaces().withName(sys + "-boot").get()).isNull();
  }

  /** The same arguments under another command name ({@code kubeherd init}, {@code boostrap}). */
  private static String[] as(String command, String[] args) {
    args[0] = command;
    return args;
  }
}
