package dev.kubeherd.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.sdkjs.DefaultScripts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sync jobs of the {@code kubeherd} library and the bundled default scripts: the toolbox image
 * running {@code kubeherd sync master|worker|app} with plain {@code CLUSTER}/{@code APP}/{@code
 * ENV}/{@code GIT_TAG} env and the credentials only as secret references; {@code --create} on the
 * init event; the deployment filter.
 */
class KubeherdSyncLibraryTest extends WorkerTest {
  /** Jobs print themselves instead of running (no toolbox image here). */
  static final String SHOW_JOBS =
      """
      const { Job } = require("brigadier");
      Job.prototype.run = function () {
        console.log("job=" + JSON.stringify({name: this.name, image: this.image, tasks: this.tasks,
          env: this.env, timeout: this.timeout}));
        return Promise.resolve({ toString: () => "" });
      };
      """;

  @BeforeEach
  void clusterProject() {
    // ENV, CLUSTER and APP are settings: brigadm init --env marks them so logs keep them readable
    harness.with(ProjectKeys.PLAIN_SECRETS, "ENV,CLUSTER,APP");
    harness.with(
        "secrets",
        "{\"ENV\":\"test\",\"CLUSTER\":\"k8stest1\",\"APP\":\"shop\","
            + "\"AWS_SECRET_ACCESS_KEY\":\"never-inlined-7x\",\"AWS_ACCESS_KEY_ID\":\"AKIDEXAMPLE\"}");
  }

  @Test
  void syncMasterOnInitCreatesAndReferencesSecretsWithoutTheirValues() {
    var run =
        harness.run(
            SHOW_JOBS
                + """
                const { events } = require("brigadier");
                const kubeherd = require("kubeherd");
                events.on("init", (e, p) => kubeherd.syncMaster({ event: e, project: p,
                  sshKeyFromSsmParameter: "/kubeherd/test/deploy-key" }).run());
                """,
            "init");

    assertThat(run.succeeded()).as(run.log()).isTrue();
    assertThat(run.log())
        .contains(
            "job={\"name\":\"sync-master\",\"image\":\"ghcr.io/kubeherd/kubeherd:latest\","
                + "\"tasks\":[\"kubeherd sync master --repo-dir /src --environment test --cluster"
                + " k8stest1 --create --ssh-key-from-ssm-parameter /kubeherd/test/deploy-key\"],"
                + "\"env\":{\"CLUSTER\":\"k8stest1\",\"ENV\":\"test\","
                + "\"AWS_ACCESS_KEY_ID\":{\"secretKeyRef\":{\"name\":\"kubeherd-sync\","
                + "\"key\":\"AWS_ACCESS_KEY_ID\"}},"
                + "\"AWS_SECRET_ACCESS_KEY\":{\"secretKeyRef\":{\"name\":\"kubeherd-sync\","
                + "\"key\":\"AWS_SECRET_ACCESS_KEY\"}}},\"timeout\":1800000}")
        .doesNotContain("never-inlined-7x");
  }

  @Test
  void syncWorkerUpsertsOutsideInitAndSyncAppSetsGitTagWhenGiven() {
    var run =
        harness.run(
            SHOW_JOBS
                + """
                const { events } = require("brigadier");
                const kubeherd = require("kubeherd");
                events.on("exec", (e, p) => {
                  kubeherd.syncWorker("shop", { event: e, project: p, secretKeys: [] }).run();
                  kubeherd.syncApp({ event: e, project: p, environment: "production",
                    cluster: "k8sprod2", gitTag: "v1.2.0", secretName: "app-sync",
                    secretKeys: ["SOPS_AGE_KEY"] }).run();
                });
                """);

    assertThat(run.log())
        .contains(
            "job={\"name\":\"sync-worker-shop\",\"image\":\"ghcr.io/kubeherd/kubeherd:latest\","
                + "\"tasks\":[\"kubeherd sync worker shop --repo-dir /src --environment test"
                + " --cluster k8stest1\"],\"env\":{\"APP\":\"shop\",\"CLUSTER\":\"k8stest1\","
                + "\"ENV\":\"test\"},\"timeout\":1800000}")
        .contains(
            "job={\"name\":\"sync-app\",\"image\":\"ghcr.io/kubeherd/kubeherd:latest\","
                + "\"tasks\":[\"kubeherd sync app --repo-dir /src --environment production"
                + " --cluster k8sprod2\"],\"env\":{\"ENV\":\"production\",\"CLUSTER\":\"k8sprod2\","
                + "\"GIT_TAG\":\"v1.2.0\",\"SOPS_AGE_KEY\":{\"secretKeyRef\":{\"name\":\"app-sync\","
                + "\"key\":\"SOPS_AGE_KEY\"}}},\"timeout\":1800000}");
  }

  @Test
  void theProjectsToolboxImageSettingPicksTheJobImageAndAnImageOptionWins() {
    harness.with(ProjectKeys.PLAIN_SECRETS, "ENV,CLUSTER,TOOLBOX_IMAGE");
    harness.with(
        "secrets",
        "{\"ENV\":\"test\",\"CLUSTER\":\"k8stest1\","
            + "\"TOOLBOX_IMAGE\":\"registry.example/kubeherd-toolbox:1.4.2\"}");

    var run =
        harness.run(
            SHOW_JOBS
                + """
                const { events } = require("brigadier");
                const kubeherd = require("kubeherd");
                events.on("exec", (e, p) => {
                  kubeherd.syncApp({ event: e, project: p }).run();
                  kubeherd.syncApp({ event: e, project: p, name: "pinned",
                    image: "registry.example/other:2" }).run();
                });
                """);

    assertThat(run.succeeded()).as(run.log()).isTrue();
    assertThat(run.log())
        .contains(
            "job={\"name\":\"sync-app\",\"image\":\"registry.example/kubeherd-toolbox:1.4.2\"")
        .contains("job={\"name\":\"pinned\",\"image\":\"registry.example/other:2\"")
        .doesNotContain("ghcr.io/kubeherd/kubeherd:latest");
  }

  @Test
  void withoutEnvironmentTheJobIsRefusedSayingWhereToSetIt() {
    harness.with("secrets", "{\"CLUSTER\":\"k8stest1\"}");

    var run =
        harness.run(
            """
            const { events } = require("brigadier");
            const kubeherd = require("kubeherd");
            events.on("exec", (e, p) => {
              try { kubeherd.syncApp({ project: p }); }
              catch (err) { console.log("caught:", err.message); }
            });
            """);

    assertThat(run.log())
        .contains(
            "caught: kubeherd.syncApp: no environment; pass environment or set ENV in the"
                + " project's secrets");
  }

  private BuildRequest deployment(DefaultScripts script, String environment, String payload) {
    return BuildRequest.of(harness.projectId(), "deployment", "github")
        .withScript(SHOW_JOBS + script.text())
        .withPayload(
            "{\"deployment\":{\"environment\":\""
                + environment
                + "\",\"ref\":\"main\",\"sha\":\"9e8d7c6\",\"payload\":"
                + payload
                + "}}");
  }

  @Test
  void defaultAppScriptSyncsDeploymentsForItsEnvironmentAndClusterOrNoCluster() {
    var mine = harness.run(deployment(DefaultScripts.APP, "test", "{\"cluster\":\"k8stest1\"}"));
    var anyCluster = harness.run(deployment(DefaultScripts.APP, "test", "{}"));

    assertThat(mine.log()).contains("kubeherd sync app --repo-dir /src --environment test");
    assertThat(anyCluster.log()).contains("\"name\":\"sync-app\"");
  }

  @Test
  void defaultScriptsIgnoreOtherEnvironmentsAndClustersSayingWhy() {
    var otherEnv = harness.run(deployment(DefaultScripts.MASTER, "production", "{}"));
    var otherCluster =
        harness.run(
            deployment(DefaultScripts.WORKER, "test", "\"{\\\"cluster\\\":\\\"k8stest2\\\"}\""));

    assertThat(otherEnv.succeeded()).isTrue();
    assertThat(otherEnv.log())
        .contains("ignored: deployment is for environment 'production'; this pipeline syncs 'test'")
        .doesNotContain("job=");
    assertThat(otherCluster.log())
        .contains("ignored: deployment is for cluster 'k8stest2'; this pipeline syncs 'k8stest1'")
        .doesNotContain("job=");
  }

  @Test
  void clusterLevelsFetchWithTheSsmParametersTheProjectNamesButTheAppLevelDoesNot() {
    harness.with(
        ProjectKeys.PLAIN_SECRETS,
        "ENV,CLUSTER,APP,SSH_KEY_SSM_PARAMETER,GITHUB_TOKEN_SSM_PARAMETER");
    harness.with(
        "secrets",
        "{\"ENV\":\"test\",\"CLUSTER\":\"k8stest1\",\"APP\":\"shop\","
            + "\"SSH_KEY_SSM_PARAMETER\":\"/kubeherd/test/deploy-key\","
            + "\"GITHUB_TOKEN_SSM_PARAMETER\":\"/kubeherd/github-token\"}");
    String git =
        " --ssh-key-from-ssm-parameter /kubeherd/test/deploy-key"
            + " --github-token-ssm-parameter /kubeherd/github-token";

    var master =
        harness.run(
            BuildRequest.of(harness.projectId(), "resync", "kubeherd")
                .withScript(SHOW_JOBS + DefaultScripts.MASTER.text()));
    var worker =
        harness.run(
            SHOW_JOBS
                + """
                const { events } = require("brigadier");
                const kubeherd = require("kubeherd");
                events.on("exec", (e, p) => Promise.all([
                  kubeherd.syncWorker("shop", { project: p, sshKeyFromSsmParameter: "/other" }).run(),
                  kubeherd.syncApp({ project: p }).run()]));
                """,
            "exec");

    assertThat(master.log())
        .contains(
            "kubeherd sync master --repo-dir /src --environment test --cluster k8stest1" + git);
    assertThat(worker.log())
        .as("an option wins over the setting")
        .contains(
            "kubeherd sync worker shop --repo-dir /src --environment test --cluster k8stest1"
                + " --ssh-key-from-ssm-parameter /other --github-token-ssm-parameter"
                + " /kubeherd/github-token")
        .contains("kubeherd sync app --repo-dir /src --environment test --cluster k8stest1\"");
  }

  @Test
  void defaultMasterAndWorkerScriptsCreateOnInitAndUpsertOnResync() {
    var masterInit =
        harness.run(
            BuildRequest.of(harness.projectId(), "init", "kubeherd")
                .withScript(SHOW_JOBS + DefaultScripts.MASTER.text()));
    var workerInit =
        harness.run(
            BuildRequest.of(harness.projectId(), "init", "kubeherd")
                .withScript(SHOW_JOBS + DefaultScripts.WORKER.text()));
    var workerResync =
        harness.run(
            BuildRequest.of(harness.projectId(), "resync", "kubeherd")
                .withScript(SHOW_JOBS + DefaultScripts.WORKER.text()));

    assertThat(masterInit.log())
        .contains(
            "kubeherd sync master --repo-dir /src --environment test --cluster k8stest1 --create");
    assertThat(workerInit.log())
        .contains(
            "kubeherd sync worker shop --repo-dir /src --environment test --cluster k8stest1"
                + " --create");
    assertThat(workerResync.log())
        .contains(
            "kubeherd sync worker shop --repo-dir /src --environment test --cluster k8stest1\"");
  }
}
