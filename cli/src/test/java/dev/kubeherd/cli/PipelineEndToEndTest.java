package dev.kubeherd.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.sdkjs.DefaultScripts;
import dev.kubeherd.testsupport.tools.SyncStandIns;
import dev.kubeherd.testsupport.tools.SyncStandIns.Call;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three pipeline levels chained in one local-mode scenario, offline: the cluster project's
 * {@code init} build (the bundled {@code brigade.master.default.js}) → {@code kubeherd sync master
 * --create} on its checkout of a JGit copy of {@code examples/cluster-repo} → the cluster-infra
 * helmfile, then per app of apps.yaml {@code kubectl get namespace}, decrypt and the app-infra
 * helmfile → that helmfile's release creates the app's pipeline → a signed GitHub {@code
 * deployment} of the app repository → the bundled {@code brigade.app.default.js} → {@code kubeherd
 * sync app} at the deployment's commit → deployment statuses {@code in_progress} then {@code
 * success}.
 *
 * <p>sops, helmfile and kubectl are recording stand-ins ({@link SyncStandIns}); {@code kubeherd} is
 * this build's classes. Because helmfile is a stand-in, the app-infra release cannot render the
 * kubeherd-project chart: the stand-in installs the app project Secret the test wrote for that app
 * (with {@code kubeherd brig project create}), and only when helmfile runs with that {@code APP}.
 *
 * <p>Here the chain starts with the {@code init} build fired by {@code brig run -e init}: {@code
 * brigadm bootstrap} is Kubernetes mode only. {@code kube.KubernetesPipelineEndToEndTest} runs the
 * same chain in Kubernetes mode on the mock API server, starting at {@code brigadm bootstrap}.
 */
class PipelineEndToEndTest {
  static final String CLUSTER_PROJECT = "your-org/your-cluster-repo";
  static final String APP_PROJECT = "your-org/your-app1-repo";
  static final List<String> APPS = PipelineChain.APPS;
  static final String STATUSES = "/repos/your-org/your-app1-repo/deployments/7/statuses";
  static final String CLUSTER_STATUSES = "/repos/your-org/your-cluster-repo/deployments/9/statuses";
  static final String HOOK_SECRET = "hook-secret-e2e-91d2";
  static final String TOKEN = "ghp_e2eToken5b0a";
  static final String AGE_KEY = "AGE-SECRET-KEY-1E2EONLY3C77";
  static final String SSH_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----e2e-8a1f";
  static final String DECRYPTED = "s3cr3t-decrypted-e2e-7d40";
  static final List<String> SECRETS = List.of(HOOK_SECRET, TOKEN, AGE_KEY, SSH_KEY, DECRYPTED);

  @RegisterExtension
  static WireMockExtension github =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;
  SyncStandIns tools;
  CliHarness cli;
  Path jobTmp;
  String appSha;
  String clusterSha;

  @BeforeEach
  void stage() throws Exception {
    LocalServerE2e.clean(LocalServerE2e.BIN);
    tools = new SyncStandIns(LocalServerE2e.BIN);
    cli = new CliHarness(dir.resolve("home")).useLocalApp();
    jobTmp = Files.createDirectories(dir.resolve("job-tmp"));
    Path origins = Files.createDirectories(dir.resolve("origins"));
    for (String app : APPS) {
      String sha =
          LocalServerE2e.commitCopy(
              Path.of("../examples/app-repo"), origins.resolve(app), "v1.2.0");
      appSha = app.equals("your-app1-repo") ? sha : appSha;
    }
    Path cluster = dir.resolve("cluster-repo");
    LocalServerE2e.copy(Path.of("../examples/cluster-repo"), cluster);
    Path apps = cluster.resolve("environments/test/app-infra/apps.yaml");
    Files.writeString(
        apps,
        Files.readString(apps)
            .replace("git@github.com:your-org/{app}.git", origins.toUri() + "{app}"));
    clusterSha = LocalServerE2e.commitCopy(cluster, dir.resolve("origins/your-cluster-repo"), null);
    Path releases = Files.createDirectories(dir.resolve("releases"));
    for (String app : APPS) {
      writeAppProjectSecret(releases.resolve(app + ".json"), app, origins.resolve(app));
    }
    LocalServerE2e.launcher("-Djava.io.tmpdir=" + jobTmp);
    PipelineChain.addStandIns(
        tools,
        DECRYPTED,
        "KUBEHERD_HOME='" + cli.home + "' KUBEHERD_MODE=local kubeherd brig project create",
        releases);
  }

  @AfterEach
  void removeStandIns() throws Exception {
    LocalServerE2e.clean(LocalServerE2e.BIN);
  }

  @Test
  void initSyncsTheClusterAndEveryAppThenADeploymentSyncsTheAppAndReportsSuccess()
      throws Exception {
    cli.projects.create(clusterProject(dir.resolve("origins/your-cluster-repo")));
    LocalServerE2e.stubStatesInOrder(github, STATUSES, "in_progress", "success");

    LocalServerE2e.serve(
        cli,
        port -> {
          CliHarness.Result init =
              cli.brig("run", CLUSTER_PROJECT, "-e", "init", "-r", "main", "-b");
          assertThat(init.exitCode()).as(init.err()).isZero();
          Build build = awaitFinished(ProjectIds.fromName(CLUSTER_PROJECT));
          assertThat(build.status().phase()).as(logs()).isEqualTo(BuildPhase.SUCCEEDED);
          assertThat(cli.projects.find(APP_PROJECT)).as("app pipeline created").isPresent();
          assertThat(cli.projects.find("your-org/your-svc-z")).isPresent();

          HttpResponse<String> hook =
              LocalServerE2e.deliver(port, "deployment", deployment(), HOOK_SECRET);
          assertThat(hook.statusCode()).as(hook.body()).isEqualTo(200);
          await()
              .atMost(Duration.ofSeconds(120))
              .untilAsserted(() -> github.verify(2, postRequestedFor(urlEqualTo(STATUSES))));
          Build deploy = awaitFinished(ProjectIds.fromName(APP_PROJECT));
          assertThat(deploy.status().phase()).as(logs()).isEqualTo(BuildPhase.SUCCEEDED);
          assertThat(deploy.request().revision().commit()).isEqualTo(appSha);
        });

    assertThat(LocalServerE2e.scenarioState(github)).as(logs()).isEqualTo("success");
    assertToolCallsInOrder(tools.calls());
    assertNoSecretAnywhere(
        tools.calls(),
        "src/ci/environments/test/app.secrets.yaml.enc",
        "src/environments/test/app-infra/apps.yaml");
  }

  @Test
  void aDeploymentOfTheClusterRepositorySyncsTheClusterAtItsCommitAndOtherEnvironmentsAreIgnored()
      throws Exception {
    cli.projects.create(clusterProject(dir.resolve("origins/your-cluster-repo")));
    LocalServerE2e.stubStatesInOrder(github, CLUSTER_STATUSES, "in_progress", "success");

    LocalServerE2e.serve(
        cli,
        port -> {
          Build ignored = deliverAndAwait(port, clusterDeployment(8, "prod"));
          assertThat(ignored.status().phase()).as(logs()).isEqualTo(BuildPhase.SUCCEEDED);
          assertThat(tools.calls()).as("nothing synced for another environment").isEmpty();
          assertThat(logs()).contains("ignored: ");

          Build sync = deliverAndAwait(port, clusterDeployment(9, "test"));
          assertThat(sync.status().phase()).as(logs()).isEqualTo(BuildPhase.SUCCEEDED);
          assertThat(sync.request().revision().commit()).isEqualTo(clusterSha);
          await()
              .atMost(Duration.ofSeconds(60))
              .untilAsserted(
                  () -> github.verify(2, postRequestedFor(urlEqualTo(CLUSTER_STATUSES))));
        });

    assertThat(LocalServerE2e.scenarioState(github)).as(logs()).isEqualTo("success");
    List<String> described = new ArrayList<>();
    for (Call c : tools.calls()) {
      described.add(c.describe() + " " + c.cwd());
    }
    String infra = "/src/environments/test/cluster-infra";
    String appInfra = "/src/environments/test/app-infra";
    String decrypt = "sops --decrypt --input-type yaml --output-type yaml ";
    assertThat(described)
        .as("an upsert: no namespace must-not-exist checks")
        .containsExactly(
            decrypt + infra + "/brigade-project.secrets.yaml.enc (in cluster-infra) " + infra,
            "helmfile --file helmfile sync (in cluster-infra) " + infra,
            decrypt + appInfra + "/brigade-project.secrets.yaml.enc (in app-infra) " + appInfra,
            "helmfile --file helmfile sync (in app-infra) " + appInfra,
            decrypt + appInfra + "/brigade-project.secrets.yaml.enc (in app-infra) " + appInfra,
            "helmfile --file helmfile sync (in app-infra) " + appInfra);
    List<Call> calls = tools.calls();
    assertThat(calls.get(1).env()).containsEntry("CLUSTER", "k8stest1").doesNotContainKey("APP");
    assertThat(calls.get(3).env()).containsEntry("APP", APPS.get(0));
    assertThat(calls.get(5).env()).containsEntry("APP", APPS.get(1));
    assertThat(Files.readString(calls.get(1).dir().resolve("head")).strip())
        .as("the cluster is synced at the deployment's commit")
        .isEqualTo(clusterSha);
    assertNoSecretAnywhere(tools.calls(), "src/environments/test/app-infra/apps.yaml");
  }

  private Build deliverAndAwait(int port, String deployment) throws Exception {
    HttpResponse<String> hook = LocalServerE2e.deliver(port, "deployment", deployment, HOOK_SECRET);
    assertThat(hook.statusCode()).as(hook.body()).isEqualTo(200);
    String id = new JsonObject(hook.body()).getJsonArray("builds").getString(0);
    return await()
        .atMost(Duration.ofSeconds(180))
        .until(
            () -> cli.builds.find(id).filter(b -> b.status().phase().isTerminal()).orElse(null),
            b -> b != null);
  }

  private String clusterDeployment(int id, String environment) {
    return """
        {"action":"created",
         "deployment":{"id":%d,"sha":"%s","ref":"main","environment":"%s",
                       "payload":{"cluster":"k8stest1"}},
         "repository":{"full_name":"your-org/your-cluster-repo"},
         "sender":{"login":"ci-bot"}}
        """
        .formatted(id, clusterSha, environment);
  }

  private void assertToolCallsInOrder(List<Call> calls) throws Exception {
    PipelineChain.assertChainCalls(calls, appSha);
    assertThat(calls.get(0).env()).containsEntry("SOPS_AGE_KEY", AGE_KEY);
  }

  /**
   * No secret in the build logs, any tool's argv, any env value but the sops key handed to the jobs
   * as {@code SOPS_AGE_KEY}, or any file left in the local home (builds, their checkouts, logs and
   * records, deliveries; not the project store, which holds the secrets by design), the origin
   * repositories or the jobs' temp dir; and no plaintext file left.
   *
   * @param checkedOut files of the builds' checkouts that must be among those searched
   */
  private void assertNoSecretAnywhere(List<Call> calls, String... checkedOut) throws Exception {
    String logs = logs();
    assertThat(logs).contains("Upgrading release=your-app1-repo");
    for (String secret : SECRETS) {
      assertThat(logs).as("build logs").doesNotContain(secret);
    }
    for (Call c : calls) {
      Map<String, String> env = new LinkedHashMap<>(c.env());
      env.remove("SOPS_AGE_KEY");
      for (String secret : SECRETS) {
        assertThat(String.join("\n", c.argv())).as(c.describe()).doesNotContain(secret);
        assertThat(env.values()).as(c.describe() + " env").noneMatch(v -> v.contains(secret));
        assertThat(String.join("\n", c.secrets())).doesNotContain(secret);
      }
    }
    List<Path> left = new ArrayList<>();
    Path projects = cli.home.resolve("projects");
    for (Path root : List.of(cli.home, jobTmp, dir.resolve("origins"))) {
      try (Stream<Path> files = Files.walk(root)) {
        left.addAll(files.filter(f -> Files.isRegularFile(f) && !f.startsWith(projects)).toList());
      }
    }
    for (String file : checkedOut) {
      assertThat(left)
          .as("the builds' checkouts are among the files searched")
          .anyMatch(f -> f.endsWith(Path.of(file)));
    }
    for (Path f : left) {
      assertThat(f.getFileName().toString()).doesNotEndWith(".secrets.yaml");
      String text = Files.readString(f, StandardCharsets.ISO_8859_1);
      for (String secret : SECRETS) {
        assertThat(text).as(f.toString()).doesNotContain(secret);
      }
    }
    try (Stream<Path> tmp = Files.list(jobTmp)) {
      assertThat(tmp.toList()).as("the sync jobs' temporary files").isEmpty();
    }
  }

  private Project clusterProject(Path repo) {
    return new Project(
        ProjectIds.fromName(CLUSTER_PROJECT),
        CLUSTER_PROJECT,
        "default",
        Map.of(
            "sharedSecret",
            HOOK_SECRET,
            "github.token",
            TOKEN,
            "github.baseURL",
            github.baseUrl(),
            "cloneURL",
            repo.toUri().toString(),
            "sshKey",
            SSH_KEY,
            "kubernetes.allowSecretKeyRef",
            "true",
            "defaultScript",
            DefaultScripts.MASTER.text(),
            "secrets",
            "{\"ENV\":\"test\",\"CLUSTER\":\"k8stest1\",\"SOPS_AGE_KEY\":\"" + AGE_KEY + "\"}"));
  }

  /** The project Secret the app's kubeherd-project release would install: the app pipeline. */
  private void writeAppProjectSecret(Path file, String app, Path repo) throws Exception {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("cloneURL", repo.toUri().toString());
    data.put("sharedSecret", HOOK_SECRET);
    data.put("github.token", TOKEN);
    data.put("github.baseURL", github.baseUrl());
    data.put("secrets", Map.of("ENV", "test", "CLUSTER", "k8stest1", "SOPS_AGE_KEY", AGE_KEY));
    PipelineChain.writeAppProjectSecret(file, app, data);
  }

  private String deployment() {
    return """
        {"action":"created",
         "deployment":{"id":7,"sha":"%s","ref":"main","environment":"test",
                       "payload":{"cluster":"k8stest1"}},
         "repository":{"full_name":"your-org/your-app1-repo"},
         "sender":{"login":"ci-bot"}}
        """
        .formatted(appSha);
  }

  private Build awaitFinished(String projectId) {
    return await()
        .atMost(Duration.ofSeconds(180))
        .until(
            () ->
                cli.builds.list(java.util.Optional.of(projectId)).stream()
                    .filter(b -> b.status().phase().isTerminal())
                    .findFirst()
                    .orElse(null),
            b -> b != null);
  }

  private String logs() throws Exception {
    return LocalServerE2e.logs(cli.home.resolve("builds"));
  }
}
