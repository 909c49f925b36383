package dev.kubeherd.cli.kube;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.kubeherd.cli.CliHarness;
import dev.kubeherd.cli.LocalServerE2e;
import dev.kubeherd.cli.PipelineChain;
import dev.kubeherd.cli.SsmStub;
import dev.kubeherd.testsupport.git.GitSshServer;
import dev.kubeherd.testsupport.git.SshKeys;
import dev.kubeherd.testsupport.tools.SyncStandIns;
import dev.kubeherd.toolkit.pipeline.PipelineSpec;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The world of {@link KubernetesPipelineEndToEndTest}: repositories served over SSH, SSM and GitHub
 * on WireMock, the recording stand-ins, and the steps that start the pieces a cluster would run.
 */
final class KubePipelineStage implements AutoCloseable {
  static final String SYS = "cluster-system";
  static final String BOOT = SYS + "-boot";
  static final String APP = "your-app1-repo";
  static final List<String> APPS = PipelineChain.APPS;
  static final String STATUSES = "/repos/your-org/your-app1-repo/deployments/7/statuses";
  static final String DASHBOARD = "https://kubeherd.example";
  static final String HOOK_SECRET = "hook-secret-kube-e2e-4c1a";
  static final String TOKEN = "ghp_kubeE2eToken77d2";
  static final String AGE_KEY = "AGE-SECRET-KEY-1KUBEE2EONLY9F31";
  static final String DECRYPTED = "s3cr3t-decrypted-kube-e2e-0b6e";

  final Path dir;
  final KubernetesClient client;
  final SyncStandIns tools;
  final CliHarness cli;
  final Path jobTmp;
  final String sshKey;
  final GitSshServer git;
  final Path knownHosts;
  String appSha;

  private KubePipelineStage(Path dir, KubernetesClient client, KeyPair key) throws Exception {
    this.dir = dir;
    this.client = client;
    this.sshKey = SshKeys.openSsh(key);
    LocalServerE2e.clean(LocalServerE2e.BIN);
    this.tools = new SyncStandIns(LocalServerE2e.BIN);
    this.jobTmp = Files.createDirectories(dir.resolve("job-tmp"));
    this.cli = new CliHarness(dir.resolve("home"));
    cli.kube = client;
    Path served = Files.createDirectories(dir.resolve("served/your-org"));
    this.git = new GitSshServer(served.getParent(), List.of(key.getPublic()));
    this.knownHosts = Files.writeString(dir.resolve("known_hosts"), git.knownHostsLine() + "\n");
  }

  static KubePipelineStage create(
      Path dir, KubernetesClient client, WireMockExtension ssm, WireMockExtension github)
      throws Exception {
    KubePipelineStage s = new KubePipelineStage(dir, client, SshKeys.ecdsa());
    s.repositories();
    s.standIns(s.releases(github));
    s.ssm(ssm);
    return s;
  }

  /** The app repositories and the cluster repository, whose apps.yaml names them. */
  private void repositories() throws Exception {
    Path served = dir.resolve("served/your-org");
    for (String app : APPS) {
      String sha =
          LocalServerE2e.commitCopy(
              Path.of("../examples/app-repo"), served.resolve(app + ".git"), "v1.2.0");
      appSha = app.equals(APP) ? sha : appSha;
    }
    Path cluster = dir.resolve("cluster-repo");
    LocalServerE2e.copy(Path.of("../examples/cluster-repo"), cluster);
    Path apps = cluster.resolve("environments/test/app-infra/apps.yaml");
    Files.writeString(
        apps,
        Files.readString(apps)
            .replace("git@github.com:your-org/{app}.git", served.toUri() + "{app}.git"));
    LocalServerE2e.commitCopy(cluster, served.resolve("your-cluster-repo.git"), null);
  }

  /** The project Secret each app's kubeherd-project release would install: the app pipeline. */
  private Path releases(WireMockExtension github) throws Exception {
    Path releases = Files.createDirectories(dir.resolve("releases"));
    for (String app : APPS) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("cloneURL", "git@github.com:your-org/" + app + ".git");
      data.put("sshKey", sshKey);
      data.put("vcsSidecar", PipelineSpec.VCS_SIDECAR);
      data.put("sharedSecret", HOOK_SECRET);
      data.put("github.token", TOKEN);
      data.put("github.baseURL", github.baseUrl());
      data.put("secrets", Map.of("ENV", "test", "CLUSTER", "k8stest1", "SOPS_AGE_KEY", AGE_KEY));
      PipelineChain.writeAppProjectSecret(releases.resolve(app + ".json"), app, data);
    }
    return releases;
  }

  /**
   * kubeherd (this build, its own temp dir), sops printing a plaintext, kubectl finding no
   * namespace, helmfile installing the app's project Secret through the mock server's kubeconfig.
   */
  private void standIns(Path releases) throws Exception {
    Path kubeconfig =
        Files.writeString(
            dir.resolve("kubeconfig"),
            """
            apiVersion: v1
            kind: Config
            clusters: [{name: mock, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
            users: [{name: mock, user: {token: mock}}]
            contexts: [{name: mock, context: {cluster: mock, user: mock}}]
            current-context: mock
            """
                .formatted(client.getMasterUrl()));
    // four short-lived JVMs per run: C1 only and the serial collector start them faster
    LocalServerE2e.launcher(
        "-Djava.io.tmpdir=" + jobTmp + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    PipelineChain.addStandIns(
        tools,
        DECRYPTED,
        "KUBECONFIG='" + kubeconfig + "' kubeherd brig project create -n \"$APP\"",
        releases);
  }

  /** The deploy key and the GitHub token as SSM SecureStrings. */
  private void ssm(WireMockExtension ssm) {
    Map<String, String> parameters =
        Map.of("/kubeherd/test/deploy-key", sshKey, "/kubeherd/github-token", TOKEN);
    parameters.forEach((name, value) -> SsmStub.parameter(ssm, name, value));
    cli.env.put("AWS_ENDPOINT_URL", ssm.baseUrl());
    cli.env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    cli.env.put("AWS_SECRET_ACCESS_KEY", "test-secret");
    cli.env.put("AWS_REGION", "eu-west-1");
  }

  /** The controller node's userdata (§3.3). */
  CliHarness.Result bootstrap() {
    return cli.brigadm(
        "bootstrap",
        "--name",
        "your-cluster-repo",
        "--org",
        "your-org",
        "--ssh-key",
        "/kubeherd/test/deploy-key",
        "-e",
        "test",
        "-c",
        "k8stest1",
        "-u",
        "ci-bot",
        "-t",
        "/kubeherd/github-token",
        "--namespace",
        SYS,
        "--identity",
        "controller-node-a",
        "--lease-retry-period",
        "250ms");
  }

  /** {@code namespace}'s engine, its pods cloning {@code git@github.com:…} from {@link #git}. */
  SimulatedEngine engine(KubernetesMockServer server, String namespace) throws IOException {
    Path node = dir.resolve("node-" + namespace);
    GitSidecarRunner vcs =
        new GitSidecarRunner(
            url -> url.replaceFirst("^git@github\\.com:", git.url("")),
            knownHosts,
            node.resolve("vcs-scratch"));
    return SimulatedEngine.start(client, server, namespace, node, vcs);
  }

  /** The app namespace's {@code kubeherd-sync} Secret: the sops key its sync jobs reference. */
  void installSyncSecret() {
    client
        .secrets()
        .inNamespace(APP)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("kubeherd-sync")
                .endMetadata()
                .addToStringData("SOPS_AGE_KEY", AGE_KEY)
                .build())
        .create();
  }

  /** {@code kubeherd gateway} of the app namespace, with dashboard links in its statuses. */
  GatewayThread gateway(KubernetesMockServer server) throws InterruptedException {
    return GatewayThread.start(server, APP, Map.of("KUBEHERD_DASHBOARD_URL", DASHBOARD));
  }

  String deployment() {
    return """
        {"action":"created",
         "deployment":{"id":7,"sha":"%s","ref":"main","environment":"test",
                       "payload":{"cluster":"k8stest1"}},
         "repository":{"full_name":"your-org/your-app1-repo"},
         "sender":{"login":"ci-bot"}}
        """
        .formatted(appSha);
  }

  /** Every log the builds wrote: the ConfigMaps of both namespaces. */
  String logs() {
    StringBuilder all = new StringBuilder();
    for (String ns : List.of(BOOT, APP)) {
      client.configMaps().inNamespace(ns).list().getItems().stream()
          .filter(cm -> cm.getData() != null)
          .forEach(cm -> cm.getData().values().forEach(v -> all.append(v).append('\n')));
    }
    return all.toString();
  }

  void assertNoSecretAnywhere() throws Exception {
    new NoSecretCheck(this).run();
  }

  @Override
  public void close() throws Exception {
    git.close();
    LocalServerE2e.clean(LocalServerE2e.BIN);
  }
}
