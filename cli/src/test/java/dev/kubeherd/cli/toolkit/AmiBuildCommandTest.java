package dev.kubeherd.cli.toolkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.kubeherd.cli.CliHarness;
import dev.kubeherd.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code kubeherd build ami} as a user runs it: flags, the report on stdout, progress on stderr and
 * the documented exit codes, against EC2/SSM/Auto Scaling on WireMock and a packer stand-in.
 */
class AmiBuildCommandTest {
  static final String EC2 = "http://ec2.amazonaws.com/doc/2016-11-15/";
  static final String ASG = "http://autoscaling.amazonaws.com/doc/2011-01-01/";

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void awsOnWireMock() throws Exception {
    cli = new CliHarness(dir.resolve("home"));
    cli.env.put("AWS_ENDPOINT_URL", wm.baseUrl());
    cli.env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    cli.env.put("AWS_SECRET_ACCESS_KEY", "test-secret");
    cli.env.put("AWS_REGION", "eu-west-1");
    wm.stubFor(
        ec2(
            "DescribeImages",
            "<imagesSet><item><imageId>ami-0src</imageId><imageState>available</imageState>"
                + "<creationDate>2026-01-02T08:00:00.000Z</creationDate>"
                + "<architecture>x86_64</architecture><name>Flatcar-stable-4152.2.3-hvm</name>"
                + "<virtualizationType>hvm</virtualizationType></item></imagesSet>"));
    wm.stubFor(ec2("CreateTags", "<return>true</return>"));
    wm.stubFor(
        ec2(
            "DescribeLaunchTemplates",
            "<launchTemplates><item><defaultVersionNumber>3</defaultVersionNumber>"
                + "<latestVersionNumber>3</latestVersionNumber><launchTemplateId>lt-0abc</launchTemplateId>"
                + "<launchTemplateName>nodes</launchTemplateName></item></launchTemplates>"));
    wm.stubFor(
        ec2(
            "CreateLaunchTemplateVersion",
            "<launchTemplateVersion><launchTemplateId>lt-0abc</launchTemplateId>"
                + "<launchTemplateName>nodes</launchTemplateName><versionNumber>4</versionNumber>"
                + "</launchTemplateVersion>"));
    wm.stubFor(
        ec2(
            "ModifyLaunchTemplate",
            "<launchTemplate><defaultVersionNumber>4</defaultVersionNumber></launchTemplate>"));
    wm.stubFor(
        asg(
            "DescribeAutoScalingGroups",
            "<AutoScalingGroups><member><AutoScalingGroupName>nodes-a</AutoScalingGroupName>"
                + "<LaunchTemplate><LaunchTemplateId>lt-0abc</LaunchTemplateId>"
                + "<LaunchTemplateName>nodes</LaunchTemplateName><Version>3</Version>"
                + "</LaunchTemplate><MinSize>1</MinSize><MaxSize>3</MaxSize>"
                + "<DesiredCapacity>2</DesiredCapacity></member></AutoScalingGroups>"));
    wm.stubFor(asg("StartInstanceRefresh", "<InstanceRefreshId>r-1</InstanceRefreshId>"));
    wm.stubFor(
        asg(
            "DescribeInstanceRefreshes",
            "<InstanceRefreshes><member><InstanceRefreshId>r-1</InstanceRefreshId>"
                + "<AutoScalingGroupName>nodes-a</AutoScalingGroupName><Status>Failed</Status>"
                + "<StatusReason>Instance i-0bad1 failed health checks</StatusReason>"
                + "<PercentageComplete>33</PercentageComplete></member></InstanceRefreshes>"));
  }

  static MappingBuilder ec2(String action, String inner) {
    return post(urlEqualTo("/"))
        .withRequestBody(containing("Action=" + action + "&"))
        .willReturn(
            xml(
                "<"
                    + action
                    + "Response xmlns=\""
                    + EC2
                    + "\"><requestId>req-1</requestId>"
                    + inner
                    + "</"
                    + action
                    + "Response>"));
  }

  static MappingBuilder asg(String action, String inner) {
    return post(urlEqualTo("/"))
        .withRequestBody(containing("Action=" + action + "&"))
        .willReturn(
            xml(
                "<"
                    + action
                    + "Response xmlns=\""
                    + ASG
                    + "\"><"
                    + action
                    + "Result>"
                    + inner
                    + "</"
                    + action
                    + "Result><ResponseMetadata><RequestId>req-2</RequestId>"
                    + "</ResponseMetadata></"
                    + action
                    + "Response>"));
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body);
  }

  /** A packer stand-in that writes a manifest for {@code eu-west-1:ami-0built}, or fails. */
  String packer(boolean succeed) throws Exception {
    Path script = dir.resolve("packer");
    String body =
        succeed
            ? """
              for a in "$@"; do case "$a" in manifest_path=*) m="${a#manifest_path=}";; esac; done
              echo "==> amazon-ebs.flatcar: Creating AMI"
              printf '{"builds":[{"artifact_id":"eu-west-1:ami-0built","packer_run_uuid":"u1"}],"last_run_uuid":"u1"}' > "$m"
              """
            : """
              echo "==> amazon-ebs.flatcar: Error launching source instance: VPCIdNotSpecified"
              exit 1
              """;
    Files.writeString(script, "#!/bin/sh\n" + body);
    script.toFile().setExecutable(true);
    return script.toString();
  }

  @Test
  void helpListsTheFlagsAndTheExitCodes() {
    var r = cli.kubeherd("build", "ami", "--help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("--channel", "--flatcar-version", "--publish-ssm-parameter", "--launch-template")
        .contains("--asg", "--start-instance-refresh", "--min-healthy-percentage", "--keep")
        .contains("--max-healthy-percentage", "--checkpoint-percentages", "--checkpoint-delay")
        .contains("--auto-rollback")
        .contains("--rollback", "--packer", "--packer-timeout", "-o, --output")
        .contains("Exit codes:")
        .contains("3   no Flatcar image")
        .contains("4   packer failed")
        .contains("5   an instance refresh failed");
  }

  @Test
  void aBuildPrintsItsReportAsJsonAndProgressOnStderr() throws Exception {
    var r =
        cli.kubeherd(
            "build",
            "ami",
            "--packer",
            packer(true),
            "--git-sha",
            "3f2c1d0",
            "--launch-template",
            "nodes",
            "-o",
            "json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode report = Json.MAPPER.readTree(r.out());
    assertThat(report.path("source").path("imageId").asString()).isEqualTo("ami-0src");
    assertThat(report.path("amis").path("eu-west-1").asString()).isEqualTo("ami-0built");
    assertThat(report.path("launchTemplates").get(0).path("defaultVersion").asInt()).isEqualTo(4);
    assertThat(report.path("launchTemplates").get(0).path("previousDefaultVersion").asInt())
        .isEqualTo(3);
    assertThat(r.err())
        .contains("[1/8] source ami-0src")
        .contains("==> amazon-ebs.flatcar: Creating AMI");
  }

  @Test
  void aMissingPackerIsReportedBeforeAnyAwsCall() {
    var r = cli.kubeherd("build", "ami", "--packer", dir.resolve("no-packer").toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains("packer is not installed: " + dir.resolve("no-packer"))
        .contains("--packer / KUBEHERD_PACKER")
        .contains("Nothing was looked up or built");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void noFlatcarImageExitsWith3() throws Exception {
    wm.stubFor(
        ec2("DescribeImages", "<imagesSet/>").withRequestBody(containing("arm64")).atPriority(1));

    var r =
        cli.kubeherd(
            "build", "ami", "--packer", packer(true), "--arch", "arm64", "--region", "ap-south-2");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err())
        .contains(
            "Error: no Flatcar image for channel stable, version current, arch arm64, region ap-south-2");
  }

  @Test
  void packerFailureExitsWith4AndChangesNoLaunchTemplate() throws Exception {
    var r = cli.kubeherd("build", "ami", "--packer", packer(false), "--launch-template", "nodes");

    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(r.err())
        .contains("VPCIdNotSpecified")
        .contains("packer build failed with exit code 1");
    wm.verify(
        0,
        postRequestedFor(urlEqualTo("/"))
            .withRequestBody(containing("Action=CreateLaunchTemplateVersion&")));
    wm.verify(
        0,
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("AmazonSSM.PutParameter")));
  }

  @Test
  void aFailedRefreshExitsWith5AndStillPrintsTheReportWithTheRollbackCommand() throws Exception {
    var r =
        cli.kubeherd(
            "build",
            "ami",
            "--packer",
            packer(true),
            "--launch-template",
            "nodes",
            "--asg",
            "nodes-a",
            "--start-instance-refresh",
            "--refresh-poll-interval",
            "1ms",
            "-o",
            "json");

    assertThat(r.exitCode()).isEqualTo(5);
    JsonNode report = Json.MAPPER.readTree(r.out());
    assertThat(report.path("instanceRefreshes").get(0).path("status").asString())
        .isEqualTo("Failed");
    assertThat(r.err())
        .contains("Error: instance refresh did not succeed: nodes-a Failed")
        .contains("kubeherd build ami --rollback --region eu-west-1 --launch-template nodes");
  }

  @Test
  void aBadCombinationIsAUsageErrorNamingTheFlag() {
    var r = cli.kubeherd("build", "ami", "--start-instance-refresh", "--launch-template", "nodes");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains("Error: --start-instance-refresh needs the groups to refresh: add --asg NAME")
        .contains("Run 'kubeherd build ami --help' for usage.");
  }

  @Test
  void theRefreshFlagsReachStartInstanceRefreshAndABadMaximumIsAUsageError() throws Exception {
    var r =
        cli.kubeherd(
            "build",
            "ami",
            "--packer",
            packer(true),
            "--launch-template",
            "nodes",
            "--asg",
            "nodes-a",
            "--start-instance-refresh",
            "--refresh-poll-interval",
            "1ms",
            "--min-healthy-percentage",
            "100",
            "--max-healthy-percentage",
            "150",
            "--checkpoint-percentages",
            "50,100",
            "--checkpoint-delay",
            "10m",
            "--auto-rollback");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(5); // the stubbed refresh fails
    String start =
        wm.findAll(
                postRequestedFor(urlEqualTo("/"))
                    .withRequestBody(containing("Action=StartInstanceRefresh&")))
            .getFirst()
            .getBodyAsString();
    assertThat(start)
        .contains("Preferences.MinHealthyPercentage=100")
        .contains("Preferences.MaxHealthyPercentage=150")
        .contains("Preferences.CheckpointPercentages.member.1=50")
        .contains("Preferences.CheckpointPercentages.member.2=100")
        .contains("Preferences.CheckpointDelay=600")
        .contains("Preferences.AutoRollback=true");

    var bad = cli.kubeherd("build", "ami", "--max-healthy-percentage", "250");

    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("--max-healthy-percentage must be 100 to 200, not 250");
  }

  @Test
  void anUnknownChannelIsAUsageError() {
    var r = cli.kubeherd("build", "ami", "--channel", "nightly");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("--channel must be stable, beta, alpha or lts, not nightly");
  }
}
