package dev.kubeherd.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.BuildRequest;
import org.junit.jupiter.api.Test;

/**
 * The built-in {@code kubeherd} pipeline library: {@code buildAmi} returns a brigadier Job running
 * {@code kubeherd build ami} in the toolbox image, with AWS credentials from project secrets;
 * {@code buildImage} one running {@code kubeherd build dockerimage} on the checkout with the engine
 * access it needs and the GitHub token in its env, never on its command line.
 */
class KubeherdLibraryTest extends WorkerTest {
  static final String PRINT_JOB =
      """
      const show = (j) => console.log("job=" + JSON.stringify({name: j.name, image: j.image,
        tasks: j.tasks, env: j.env, timeout: j.timeout, sa: j.serviceAccount, isJob: j instanceof Job}));
      """;

  @Test
  void buildAmiIsAJobRunningKubeherdBuildAmiWithAwsSecretsFromTheProject() {
    harness.with(
        "secrets",
        "{\"AWS_ACCESS_KEY_ID\":\"AKIDEXAMPLE\",\"AWS_SECRET_ACCESS_KEY\":\"s3cr3t\","
            + "\"AWS_REGION\":\"eu-west-1\",\"GITHUB_TOKEN\":\"not-for-this-job\"}");

    var run =
        harness.run(
            """
            const { events, Job } = require("brigadier");
            const kubeherd = require("kubeherd");
            %s
            const fromSecrets = (j, p, keys) => console.log("env from the project's secrets: "
              + keys.every(k => j.env[k] === p.secrets[k]));
            events.on("exec", (e, p) => [kubeherd.buildAmi({
              project: p,
              gitSha: "3f2c1d0",
              channel: "stable",
              regions: ["eu-west-1", "us-east-1"],
              publishSsmParameter: "/kubeherd/prod/node/ami",
              launchTemplates: ["nodes"],
              asgs: ["nodes-a", "nodes-b"],
              startInstanceRefresh: true,
              minHealthyPercentage: 100,
              maxHealthyPercentage: 110,
              checkpointPercentages: [50, 100],
              autoRollback: true,
              keep: 3,
              varFile: "ami vars/prod.pkrvars.hcl",
            })].forEach(j => {
              show(j);
              fromSecrets(j, p, ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION"]);
            }));
            """
                .formatted(PRINT_JOB));

    assertThat(run.succeeded()).as(run.log()).isTrue();
    // the log is masked: every value of the project's secrets (the region too) shows as ***
    assertThat(run.log())
        .contains("env from the project's secrets: true")
        .contains(
            "job={\"name\":\"build-ami\",\"image\":\"ghcr.io/kubeherd/kubeherd:latest\","
                + "\"tasks\":[\"kubeherd build ami --var-file 'ami vars/prod.pkrvars.hcl' --channel"
                + " stable --region *** --region us-east-1 --publish-ssm-parameter"
                + " /kubeherd/prod/node/ami --launch-template nodes --asg nodes-a --asg nodes-b"
                + " --start-instance-refresh --min-healthy-percentage 100 --max-healthy-percentage"
                + " 110 --checkpoint-percentages 50 --checkpoint-percentages 100 --auto-rollback"
                + " --keep 3 --git-sha"
                + " 3f2c1d0\"],"
                + "\"env\":{\"AWS_ACCESS_KEY_ID\":\"***\",\"AWS_SECRET_ACCESS_KEY\":\"***\","
                + "\"AWS_REGION\":\"***\"},"
                + "\"timeout\":16200000,\"isJob\":true}");
  }

  @Test
  void withIrsaTheJobGetsTheServiceAccountAndNoCredentials() {
    var run =
        harness.run(
            """
            const { events, Job } = require("brigadier");
            const { buildAmi } = require("kubeherd");
            %s
            events.on("exec", () => show(buildAmi({ name: "weekly-ami", image: "registry.local/kubeherd:1.2",
              serviceAccount: "ami-builder", regions: "eu-west-1", rollback: true,
              launchTemplates: "nodes", timeout: 600000 })));
            """
                .formatted(PRINT_JOB));

    assertThat(run.log())
        .contains(
            "job={\"name\":\"weekly-ami\",\"image\":\"registry.local/kubeherd:1.2\","
                + "\"tasks\":[\"kubeherd build ami --region eu-west-1 --launch-template nodes"
                + " --rollback\"],\"env\":{},\"timeout\":600000,\"sa\":\"ami-builder\",\"isJob\":true}");
  }

  @Test
  void buildAmisJobTimeoutOutlivesThePackerAndRefreshTimeoutsItPasses() {
    var run =
        harness.run(
            """
            const { events } = require("brigadier");
            const kubeherd = require("kubeherd");
            const hours = (ms) => ms / 3600000;
            events.on("exec", () => {
              const both = { regions: ["eu-west-1"], launchTemplates: ["nodes"], asgs: ["nodes-a"],
                startInstanceRefresh: true, packerTimeout: "3h", refreshTimeout: "PT90M" };
              console.log("args=" + kubeherd.buildAmiArgs(both).join(" "));
              console.log("both=" + hours(kubeherd.buildAmi(both).timeout));
              console.log("defaults=" + hours(kubeherd.buildAmi({ regions: ["eu-west-1"],
                launchTemplates: ["nodes"], asgs: ["nodes-a"], startInstanceRefresh: true }).timeout));
              console.log("packerOnly=" + hours(kubeherd.buildAmi({ regions: ["eu-west-1"] }).timeout));
              console.log("rollback=" + hours(kubeherd.buildAmi({ regions: ["eu-west-1"],
                launchTemplates: ["nodes"], asgs: ["nodes-a"], startInstanceRefresh: true,
                rollback: true, refreshTimeout: "45m" }).timeout));
              try { kubeherd.buildAmi({ regions: ["eu-west-1"], packerTimeout: "soon" }); }
              catch (e) { console.log("caught:", e.message); }
            });
            """);

    assertThat(run.succeeded()).as(run.log()).isTrue();
    assertThat(run.log())
        .contains(
            "args=build ami --region eu-west-1 --launch-template nodes --asg nodes-a"
                + " --start-instance-refresh --refresh-timeout PT90M --packer-timeout 3h")
        .containsPattern("(?m)^.*both=5$") // 3h + 1.5h + 30 min margin
        .containsPattern("(?m)^.*defaults=4\\.5$") // the CLI's 2h + 2h + 30 min
        .containsPattern("(?m)^.*packerOnly=2\\.5$") // no refresh started
        .containsPattern("(?m)^.*rollback=1\\.25$") // no packer run
        .contains(
            "caught: kubeherd.buildAmi: packerTimeout 'soon' is not a duration: use e.g. 500ms,"
                + " 15s, 2m, 1h, 30d or PT15S");
  }

  @Test
  void theEventsCommitBecomesTheGitSha() {
    var run =
        harness.run(
            """
            const { events } = require("brigadier");
            const kubeherd = require("kubeherd");
            events.on("exec", (e) => {
              e.revision.commit = "9e8d7c6b5a";
              console.log("args=" + kubeherd.buildAmiArgs({ event: e, regions: ["eu-west-1"] }).join(" "));
            });
            """);

    assertThat(run.log()).contains("args=build ami --region eu-west-1 --git-sha 9e8d7c6b5a");
  }

  @Test
  void anUnknownOptionIsRefusedNamingTheKnownOnes() {
    var run =
        harness.run(
            """
            const { events } = require("brigadier");
            const kubeherd = require("kubeherd");
            events.on("exec", () => {
              try { kubeherd.buildAmi({ region: "eu-west-1" }); }
              catch (e) { console.log("caught:", e.message); }
            });
            """);

    assertThat(run.log())
        .contains("caught: kubeherd.buildAmi: unknown option 'region'; known options: template,")
        .contains("regions");
  }

  @Test
  void esModulesImportTheLibraryToo() {
    var run =
        harness.run(
            BuildRequest.of(harness.projectId(), "exec", "cli")
                .withScript(
                    """
                    import { events } from "brigadier";
                    import { buildAmi, TOOLBOX_IMAGE } from "kubeherd";
                    events.on("exec", () => console.log("esm:", buildAmi({ regions: ["eu-west-1"] }).image === TOOLBOX_IMAGE));
                    """));

    assertThat(run.log()).contains("esm: true");
  }

  static final String PRINT_IMAGE_JOB =
      """
      const showImage = (j) => console.log("job=" + JSON.stringify({name: j.name, image: j.image,
        tasks: j.tasks, env: j.env, timeout: j.timeout, docker: j.docker.enabled,
        privileged: j.privileged, volumes: j.volumes, volumeMounts: j.volumeMounts}));
      """;

  @Test
  void buildImageBuildsTheCheckoutThroughTheDockerSocketWithTheTokenInTheEnvOnly() {
    harness.with(
        "secrets",
        "{\"GITHUB_TOKEN\":\"ghp_projectToken\",\"GITHUB_USERNAME\":\"deploy-bot\","
            + "\"AWS_REGION\":\"eu-west-1\",\"DATABASE_URL\":\"not-for-this-job\"}");

    var run =
        harness.run(
            """
            const { events } = require("brigadier");
            const kubeherd = require("kubeherd");
            %s
            events.on("push", (e, p) => [kubeherd.buildImage({
              event: e,
              project: p,
              repository: "registry.example.com/team/web",
              push: true,
              pushCache: true,
              githubUsername: "deploy-bot",
            })].forEach(j => {
              showImage(j);
              console.log("env from the project's secrets: "
                + ["GITHUB_TOKEN", "GITHUB_USERNAME", "AWS_REGION"].every(k => j.env[k] === p.secrets[k]));
            }));
            """
                .formatted(PRINT_IMAGE_JOB),
            "push");

    assertThat(run.succeeded()).as(run.log()).isTrue();
    // the log is masked: every value of the project's secrets shows as ***
    assertThat(run.log())
        .contains("env from the project's secrets: true")
        .contains(
            "job={\"name\":\"build-image\",\"image\":\"ghcr.io/kubeherd/kubeherd:latest\","
                + "\"tasks\":[\"kubeherd build dockerimage --context /src --repository"
                + " registry.example.com/team/web --push --push-cache --github-username ***"
                + " --engine docker --work-dir /var/lib/kubeherd/image-build\"],"
                + "\"env\":{\"GITHUB_TOKEN\":\"***\",\"GITHUB_USERNAME\":\"***\","
                + "\"AWS_REGION\":\"***\"},\"timeout\":3600000,\"docker\":true,"
                + "\"privileged\":false,"
                + "\"volumes\":[{\"name\":\"kubeherd-image-work\",\"hostPath\":{\"path\":"
                + "\"/var/lib/kubeherd/image-build\",\"type\":\"DirectoryOrCreate\"}}],"
                + "\"volumeMounts\":[{\"name\":\"kubeherd-image-work\","
                + "\"mountPath\":\"/var/lib/kubeherd/image-build\"}]}");
  }

  @Test
  void privilegedEngineAccessRunsPodmanInsideTheJobWithoutHostMounts() {
    var run =
        harness.run(
            """
            const { events } = require("brigadier");
            const { buildImage } = require("kubeherd");
            %s
            events.on("exec", () => showImage(buildImage({ engineAccess: "privileged",
              name: "image", repository: "app", tag: "v1", incremental: true,
              maxCacheAge: "14d", gitSha: "abc1234", timeout: 600000 })));
            """
                .formatted(PRINT_IMAGE_JOB));

    assertThat(run.log())
        .contains(
            "job={\"name\":\"image\",\"image\":\"ghcr.io/kubeherd/kubeherd:latest\","
                + "\"tasks\":[\"kubeherd build dockerimage --context /src --repository app --tag v1"
                + " --incremental --max-cache-age 14d --engine podman --git-sha abc1234\"],"
                + "\"env\":{},\"timeout\":600000,\"docker\":false,\"privileged\":true,"
                + "\"volumes\":[],\"volumeMounts\":[]}");
  }

  @Test
  void aDockerSocketJobNeedsAProjectThatAllowsHostMounts() {
    var run =
        harness.run(
            """
            const { events } = require("brigadier");
            const { buildImage } = require("kubeherd");
            events.on("exec", () => {
              try { buildImage({ repository: "app" }).run(); }
              catch (e) { console.log("refused:", e.message); }
            });
            """);

    assertThat(run.log())
        .contains(
            "refused: allowHostMounts is false in this project, not mounting"
                + " /var/lib/kubeherd/image-build");
  }

  @Test
  void buildImageRefusesUnknownOptionsAndEngineAccess() {
    var run =
        harness.run(
            """
            const { events } = require("brigadier");
            const kubeherd = require("kubeherd");
            events.on("exec", (e) => {
              try { kubeherd.buildImage({ repo: "app" }); }
              catch (err) { console.log("caught:", err.message); }
              try { kubeherd.buildImage({ engineAccess: "ssh" }); }
              catch (err) { console.log("caught:", err.message); }
              e.revision.commit = "9e8d7c6b5a";
              console.log("args=" + kubeherd.buildImageArgs({ event: e, engine: "/usr/bin/podman",
                engineAccess: "privileged", tagScheme: "split" }).join(" "));
            });
            """);

    assertThat(run.log())
        .contains("caught: kubeherd.buildImage: unknown option 'repo'; known options: context,")
        .contains(
            "caught: kubeherd.buildImage: engineAccess must be one of docker-socket, privileged,"
                + " not 'ssh'")
        .contains(
            "args=build dockerimage --context /src --tag-scheme split --engine /usr/bin/podman"
                + " --git-sha 9e8d7c6b5a");
  }

  @Test
  void esModulesImportBuildImageToo() {
    var run =
        harness.run(
            BuildRequest.of(harness.projectId(), "exec", "cli")
                .withScript(
                    """
                    import { events } from "brigadier";
                    import { buildImage } from "kubeherd";
                    events.on("exec", () => console.log("esm:", buildImage({ repository: "app" }).name));
                    """));

    assertThat(run.log()).contains("esm: build-image");
  }
}
