package dev.kubeherd.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.sdkjs.DefaultScripts;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Level 3 end to end in local mode: a signed GitHub {@code deployment} of the app repository → the
 * local server → the bundled {@code brigade.app.default.js} → the {@code syncApp} job (a process
 * job on the checkout at /src) → {@code kubeherd sync app} (a stand-in launcher running this
 * build's classes) → stand-in sops and helmfile → deployment statuses {@code in_progress} then
 * {@code success}, or {@code failure} when sops fails (and helmfile never runs).
 */
class LocalServerSyncAppTest {
  static final String HOOK_SECRET = "hook-secret";
  static final String TOKEN = "ghp_syncAppToken";
  static final String AGE_KEY = "AGE-SECRET-KEY-1EXAMPLEONLY";
  static final String PLAIN = "databasePassword: plain-7c1e";
  static final String STATUSES = "/repos/your-org/your-app1-repo/deployments/42/statuses";

  @RegisterExtension
  static WireMockExtension github =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;
  Path bin = LocalServerE2e.BIN;
  Path record;
  String sha;
  String cloneUrl;

  @BeforeEach
  void stage() throws Exception {
    LocalServerE2e.clean(bin);
    Files.createDirectories(bin);
    record = Files.createDirectories(dir.resolve("record"));
    Path repo = dir.resolve("your-app1-repo");
    sha = LocalServerE2e.commitCopy(Path.of("../examples/app-repo"), repo, "v1.2.0");
    cloneUrl = repo.toUri().toString();
    LocalServerE2e.launcher("");
    script(
        "helmfile",
        "r='"
            + record
            + "'\n"
            + "printf '%s\\n' \"$@\" > \"$r/helmfile.argv\"\n"
            + "pwd > \"$r/helmfile.cwd\"\n"
            + "echo \"ENV=$ENV CLUSTER=$CLUSTER GIT_TAG=$GIT_TAG\" > \"$r/helmfile.env\"\n"
            + "stat -c %a app.secrets.yaml > \"$r/helmfile.mode\"");
  }

  @AfterEach
  void removeStandIns() throws Exception {
    LocalServerE2e.clean(bin);
  }

  @Test
  void aDeploymentOfTheAppRepoSyncsTheAppAndReportsSuccess() throws Exception {
    script(
        "sops",
        "[ -n \"$SOPS_AGE_KEY\" ] && echo age-key > '"
            + record
            + "/sops.key'\n"
            + "echo '"
            + PLAIN
            + "'");
    LocalServerE2e.stubStatesInOrder(github, STATUSES, "in_progress", "success");

    String log = deploy();

    assertThat(LocalServerE2e.scenarioState(github)).as(log).isEqualTo("success");
    assertThat(Files.readAllLines(record.resolve("helmfile.argv")))
        .containsExactly("--file", "../../helmfile", "--environment", "test", "sync");
    assertThat(Files.readString(record.resolve("helmfile.cwd")).strip())
        .isEqualTo("/src/ci/environments/test");
    assertThat(Files.readString(record.resolve("helmfile.env")).strip())
        .isEqualTo("ENV=test CLUSTER=k8stest1 GIT_TAG=v1.2.0");
    assertThat(Files.readString(record.resolve("helmfile.mode")).strip()).isEqualTo("600");
    assertThat(record.resolve("sops.key")).exists();
    assertThat(log).doesNotContain(PLAIN).doesNotContain(AGE_KEY);
  }

  @Test
  void aSopsFailureReportsFailureAndHelmfileNeverRuns() throws Exception {
    script(
        "sops",
        "touch '"
            + record
            + "/sops.called'\n"
            + "echo 'Failed to get the data key required to decrypt the SOPS file.' >&2; exit 1");
    LocalServerE2e.stubStatesInOrder(github, STATUSES, "in_progress", "failure");

    String log = deploy();

    assertThat(LocalServerE2e.scenarioState(github)).as(log).isEqualTo("failure");
    assertThat(record.resolve("sops.called")).exists();
    assertThat(record.resolve("helmfile.argv")).doesNotExist();
    assertThat(log).contains("Failed to get the data key").contains("failed with exit code 1");
  }

  /** Serves, delivers the deployment, waits for two statuses; returns the build's logs. */
  private String deploy() throws Exception {
    CliHarness cli = new CliHarness(dir.resolve("home")).useLocalApp();
    String id = ProjectIds.fromName("your-org/your-app1-repo");
    cli.projects.create(
        new Project(
            id,
            "your-org/your-app1-repo",
            "default",
            Map.of(
                "sharedSecret",
                HOOK_SECRET,
                "github.token",
                TOKEN,
                "github.baseURL",
                github.baseUrl(),
                "cloneURL",
                cloneUrl,
                "kubernetes.allowSecretKeyRef",
                "true",
                "defaultScript",
                DefaultScripts.APP.text(),
                "secrets",
                "{\"ENV\":\"test\",\"CLUSTER\":\"k8stest1\",\"SOPS_AGE_KEY\":\""
                    + AGE_KEY
                    + "\"}")));
    LocalServerE2e.serve(
        cli,
        port -> {
          HttpResponse<String> response =
              LocalServerE2e.deliver(port, "deployment", deployment(), HOOK_SECRET);
          assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
          await()
              .atMost(Duration.ofSeconds(120))
              .untilAsserted(() -> github.verify(2, postRequestedFor(urlEqualTo(STATUSES))));
        });
    return LocalServerE2e.logs(dir.resolve("home"));
  }

  private String deployment() {
    return """
        {"action":"created",
         "deployment":{"id":42,"sha":"%s","ref":"main","environment":"test",
                       "payload":{"cluster":"k8stest1"}},
         "repository":{"full_name":"your-org/your-app1-repo"},
         "sender":{"login":"ci-bot"}}
        """
        .formatted(sha);
  }

  private static void script(String name, String body) throws Exception {
    LocalServerE2e.script(name, body);
  }
}
