package dev.kubeherd.toolkit.ami;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.kubeherd.toolkit.ami.AwsStub.group;
import static dev.kubeherd.toolkit.ami.AwsStub.groups;
import static dev.kubeherd.toolkit.ami.AwsStub.image;
import static dev.kubeherd.toolkit.ami.AwsStub.images;
import static dev.kubeherd.toolkit.ami.AwsStub.launchTemplate;
import static dev.kubeherd.toolkit.ami.AwsStub.refresh;
import static dev.kubeherd.toolkit.ami.AwsStub.templateVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AmiBuild} end to end against EC2, SSM and Auto Scaling on WireMock and a recording packer
 * stand-in: what is asked of AWS at each step, and what a failure leaves unchanged.
 */
class AmiBuildTest {
  static final String NEW_AMI = "ami-0a1b2c3d4e5f60001";
  static final String NEW_AMI_US = "ami-0a1b2c3d4e5f60002";
  static final String SOURCE = "ami-0fc1a7e4f1a2b3c4d";
  static final String REFRESH_ID = "08b91cf7-8fa6-48af-b6a6-d227f40f1b9b";

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;
  final AwsStub aws = new AwsStub(wm);
  final List<String> progress = new ArrayList<>();
  AwsClients clients;

  @BeforeEach
  void flatcarImagesOnTwoPages() {
    clients = aws.clients();
    // page 1: older releases and the next token; page 2 (asked with it): the newest
    aws.stub(
        aws.ec2(
                "DescribeImages",
                images(
                    "page-2",
                    image(
                        "ami-0aaaaaaaaaaaaaaa1",
                        "Flatcar-stable-4081.2.0-hvm",
                        "2025-10-01T08:00:00.000Z",
                        "x86_64"),
                    image(
                        "ami-0aaaaaaaaaaaaaaa2",
                        "Flatcar-stable-4152.2.1-hvm",
                        "2025-12-01T08:00:00.000Z",
                        "x86_64")))
            .withRequestBody(containing("Owner.1=075585003325"))
            .atPriority(5));
    aws.stub(
        aws.ec2(
                "DescribeImages",
                images(
                    null,
                    image(
                        SOURCE,
                        "Flatcar-stable-4152.2.3-hvm",
                        "2026-01-02T08:00:00.000Z",
                        "x86_64"),
                    image(
                        "ami-0aaaaaaaaaaaaaaa3",
                        "Flatcar-stable-4152.2.2-hvm",
                        "2025-12-15T08:00:00.000Z",
                        "x86_64")))
            .withRequestBody(containing("Owner.1=075585003325"))
            .withRequestBody(containing("NextToken=page-2"))
            .atPriority(1));
    aws.stub(aws.ec2("CreateTags", "<return>true</return>"));
    aws.stub(aws.ssm("PutParameter", "{\"Tier\":\"Standard\",\"Version\":7}"));
    aws.stub(aws.ssm("LabelParameterVersion", "{\"InvalidLabels\":[],\"ParameterVersion\":7}"));
    aws.stub(
        aws.ec2("DescribeLaunchTemplates", launchTemplate("lt-0123456789abcdef0", "nodes", 3, 4)));
    aws.stub(
        aws.ec2(
            "CreateLaunchTemplateVersion",
            "<launchTemplateVersion>"
                + templateVersion("lt-0123456789abcdef0", "nodes", 5, NEW_AMI, "new", false)
                    .replace("<item>", "")
                    .replace("</item>", "")
                + "</launchTemplateVersion>"));
    aws.stub(
        aws.ec2(
            "ModifyLaunchTemplate",
            "<launchTemplate><defaultVersionNumber>5</defaultVersionNumber>"
                + "<latestVersionNumber>5</latestVersionNumber>"
                + "<launchTemplateId>lt-0123456789abcdef0</launchTemplateId>"
                + "<launchTemplateName>nodes</launchTemplateName></launchTemplate>"));
    aws.stub(
        aws.autoScaling(
            "DescribeAutoScalingGroups",
            groups(group("nodes-a", "lt-0123456789abcdef0", "nodes", "$Default"))));
    aws.stub(
        aws.autoScaling(
            "StartInstanceRefresh", "<InstanceRefreshId>" + REFRESH_ID + "</InstanceRefreshId>"));
  }

  @AfterEach
  void close() {
    clients.close();
  }

  AmiBuildOptions.Builder options(FakePacker packer) {
    return AmiBuildOptions.builder()
        .region("eu-west-1")
        .packer(packer.path())
        .gitSha("3f2c1d0")
        .refreshPollInterval(Duration.ofMillis(1));
  }

  AmiBuildReport run(AmiBuildOptions options) throws InterruptedException {
    return new AmiBuild(clients, Clock.systemUTC(), progress::add).run(options);
  }

  void refreshGoes(String... statuses) {
    refreshGoesIn("refresh", 5, statuses);
  }

  void refreshGoesIn(String scenario, int priority, String... statuses) {
    String state = STARTED;
    for (int i = 0; i < statuses.length; i++) {
      String next = i + 1 < statuses.length ? "poll-" + (i + 1) : state;
      String status = statuses[i];
      int percent = status.equals("Successful") ? 100 : status.equals("InProgress") ? 50 : 0;
      String reason = status.equals("Failed") ? "Instance i-0bad1 failed health checks" : null;
      aws.stub(
          aws.autoScaling(
                  "DescribeInstanceRefreshes",
                  refresh("nodes-a", REFRESH_ID, status, percent, reason))
              .inScenario(scenario)
              .atPriority(priority)
              .whenScenarioStateIs(state)
              .willSetStateTo(next));
      state = next;
    }
  }

  @Test
  void newestFlatcarImageIsFoundAcrossPagesAndPackerGetsTheResolvedVariables() throws Exception {
    FakePacker packer =
        FakePacker.succeeding(dir, "eu-west-1:" + NEW_AMI + ",us-east-1:" + NEW_AMI_US);

    AmiBuildReport report =
        run(options(packer).region("us-east-1").subnetId("subnet-0a1b2c3d").build());

    List<Map<String, String>> describes = aws.calls("DescribeImages");
    assertThat(describes).hasSize(2);
    assertThat(describes.getFirst())
        .containsEntry("Owner.1", "075585003325")
        .containsEntry("Filter.1.Name", "name")
        .containsEntry("Filter.1.Value.1", "Flatcar-stable-*-hvm")
        .containsEntry("Filter.2.Name", "architecture")
        .containsEntry("Filter.2.Value.1", "x86_64")
        .containsEntry("Filter.3.Name", "virtualization-type")
        .containsEntry("Filter.3.Value.1", "hvm")
        .containsEntry("Filter.4.Name", "state")
        .containsEntry("Filter.4.Value.1", "available")
        .doesNotContainKey("NextToken");
    assertThat(describes.get(1)).containsEntry("NextToken", "page-2");
    assertThat(report.source().orElseThrow().imageId()).isEqualTo(SOURCE);
    assertThat(packer.argv()).startsWith("build", "-color=false");
    assertThat(packer.argv().getLast()).endsWith("/flatcar.pkr.hcl");
    assertThat(packer.vars())
        .containsEntry("source_ami", SOURCE)
        .containsEntry("flatcar_version", "4152.2.3")
        .containsEntry("channel", "stable")
        .containsEntry("arch", "x86_64")
        .containsEntry("region", "eu-west-1")
        .containsEntry("ami_regions", "[\"us-east-1\"]")
        .containsEntry("ami_name_prefix", "kubeherd-node")
        .containsEntry("instance_type", "t3.small")
        .containsEntry("subnet_id", "subnet-0a1b2c3d")
        .containsEntry("git_sha", "3f2c1d0")
        .containsKey("manifest_path");
    assertThat(report.amis())
        .containsExactly(Map.entry("eu-west-1", NEW_AMI), Map.entry("us-east-1", NEW_AMI_US));
    assertThat(progress).anyMatch(l -> l.contains("==> amazon-ebs.flatcar: Creating AMI"));
  }

  @Test
  void theAmisAreTaggedAndPublishedToSsmInEachRegionWithAVersionLabel() throws Exception {
    FakePacker packer =
        FakePacker.succeeding(dir, "eu-west-1:" + NEW_AMI + ",us-east-1:" + NEW_AMI_US);

    run(options(packer).region("us-east-1").ssmParameter("/kubeherd/prod/node/ami").build());

    List<Map<String, String>> tags = aws.calls("CreateTags");
    assertThat(tags).extracting(t -> t.get("ResourceId.1")).containsExactly(NEW_AMI, NEW_AMI_US);
    assertThat(aws.regions("CreateTags")).containsExactly("eu-west-1", "us-east-1");
    assertThat(tags.getFirst())
        .containsEntry("Tag.1.Key", "kubeherd:managed")
        .containsEntry("Tag.1.Value", "true")
        .containsValue("kubeherd:flatcar-version")
        .containsValue("4152.2.3");
    var puts = aws.ssmCalls("PutParameter");
    assertThat(puts)
        .extracting(p -> p.get("Value").asString())
        .containsExactly(NEW_AMI, NEW_AMI_US);
    assertThat(aws.ssmRegions("PutParameter")).containsExactly("eu-west-1", "us-east-1");
    assertThat(puts.getFirst().get("Name").asString()).isEqualTo("/kubeherd/prod/node/ami");
    assertThat(puts.getFirst().get("Overwrite").asBoolean()).isTrue();
    assertThat(puts.getFirst().get("Type").asString()).isEqualTo("String");
    assertThat(puts.getFirst().get("DataType").asString()).isEqualTo("aws:ec2:image");
    var labels = aws.ssmCalls("LabelParameterVersion");
    assertThat(labels).hasSize(2);
    assertThat(labels.getFirst().get("ParameterVersion").asLong()).isEqualTo(7);
    assertThat(labels.getFirst().get("Labels").get(0).asString()).isEqualTo("flatcar-4152.2.3");
  }

  @Test
  void aNewLaunchTemplateVersionWithTheImageBecomesDefaultAndRecordsThePreviousOne()
      throws Exception {
    FakePacker packer = FakePacker.succeeding(dir, "eu-west-1:" + NEW_AMI);

    AmiBuildReport report = run(options(packer).launchTemplate("nodes").build());

    Map<String, String> create = aws.calls("CreateLaunchTemplateVersion").getFirst();
    assertThat(create)
        .containsEntry("LaunchTemplateName", "nodes")
        .containsEntry("SourceVersion", "3")
        .containsEntry("LaunchTemplateData.ImageId", NEW_AMI)
        .containsEntry(
            "VersionDescription",
            "kubeherd build ami: Flatcar stable 4152.2.3 x86_64, git 3f2c1d0, previous default"
                + " version 3");
    assertThat(aws.calls("ModifyLaunchTemplate"))
        .singleElement()
        .satisfies(
            m ->
                assertThat(m)
                    .containsEntry("LaunchTemplateName", "nodes")
                    .containsEntry("SetDefaultVersion", "5"));
    assertThat(report.launchTemplates())
        .containsExactly(
            new LaunchTemplateChange(
                "nodes", "lt-0123456789abcdef0", 3, 5, java.util.Optional.of(NEW_AMI)));
  }

  @Test
  void instanceRefreshIsStartedWithSkipMatchingAndFollowedToSuccess() throws Exception {
    refreshGoes("Pending", "InProgress", "Successful");
    FakePacker packer = FakePacker.succeeding(dir, "eu-west-1:" + NEW_AMI);

    AmiBuildReport report =
        run(
            options(packer)
                .launchTemplate("nodes")
                .autoScalingGroup("nodes-a")
                .startInstanceRefresh(true)
                .instanceWarmupSeconds(120)
                .build());

    assertThat(aws.calls("StartInstanceRefresh"))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s)
                    .containsEntry("AutoScalingGroupName", "nodes-a")
                    .containsEntry("Strategy", "Rolling")
                    .containsEntry("Preferences.MinHealthyPercentage", "90")
                    .containsEntry("Preferences.SkipMatching", "true")
                    .containsEntry("Preferences.InstanceWarmup", "120")
                    .containsEntry(
                        "DesiredConfiguration.LaunchTemplate.LaunchTemplateName", "nodes")
                    .containsEntry("DesiredConfiguration.LaunchTemplate.Version", "5"));
    assertThat(aws.calls("DescribeInstanceRefreshes"))
        .hasSize(3)
        .allSatisfy(d -> assertThat(d).containsEntry("InstanceRefreshIds.member.1", REFRESH_ID));
    assertThat(report.refreshes())
        .singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo("Successful"));
    assertThat(progress)
        .anyMatch(l -> l.contains("instance refresh of nodes-a: InProgress 50%"))
        .anyMatch(l -> l.contains("instance refresh of nodes-a: Successful 100%"));
  }

  @Test
  void noFlatcarImageForTheArchitectureNamesTheQueryWithExitCode3() throws Exception {
    aws.stub(
        aws.ec2("DescribeImages", images(null))
            .withRequestBody(containing("Filter.2.Value.1=arm64"))
            .atPriority(1));
    FakePacker packer = FakePacker.succeeding(dir, "eu-west-1:" + NEW_AMI);

    NoFlatcarImageException e =
        catchThrowableOfType(
            NoFlatcarImageException.class,
            () -> run(options(packer).arch(AmiArch.ARM64).channel(FlatcarChannel.BETA).build()));

    assertThat(e.exitCode()).isEqualTo(3);
    assertThat(e.getMessage())
        .contains("channel beta, version current, arch arm64, region eu-west-1")
        .contains("Flatcar-beta-*-hvm");
    assertThat(packer.ran()).isFalse();
  }

  @Test
  void packerFailureExitsWithItsOutputAndChangesNoParameterTemplateOrGroup() throws Exception {
    FakePacker packer = FakePacker.failing(dir);

    PackerFailedException e =
        catchThrowableOfType(
            PackerFailedException.class,
            () ->
                run(
                    options(packer)
                        .ssmParameter("/kubeherd/prod/node/ami")
                        .launchTemplate("nodes")
                        .autoScalingGroup("nodes-a")
                        .startInstanceRefresh(true)
                        .keep(2)
                        .build()));

    assertThat(e.exitCode()).isEqualTo(4);
    assertThat(e.getMessage())
        .contains("packer build failed with exit code 1")
        .contains("UnauthorizedOperation: You are not authorized")
        .contains("no SSM parameter or launch template was changed");
    for (String change :
        List.of(
            "CreateTags",
            "CreateLaunchTemplateVersion",
            "ModifyLaunchTemplate",
            "StartInstanceRefresh",
            "DeregisterImage",
            "DeleteSnapshot")) {
      wm.verify(0, AwsStub.actionRequests(change));
    }
    wm.verify(0, AwsStub.ssmRequests("PutParameter"));
    wm.verify(0, AwsStub.ssmRequests("LabelParameterVersion"));
  }

  @Test
  void aMissingLaunchTemplateStopsTheRunBeforePacker() throws Exception {
    aws.stub(
        aws.ec2("DescribeLaunchTemplates", "")
            .withRequestBody(containing("LaunchTemplateName.1=gone"))
            .atPriority(1)
            .willReturn(
                AwsStub.ec2Error(
                    400,
                    "InvalidLaunchTemplateName.NotFoundException",
                    "At least one of the launch templates specified in the request does not exist.")));
    FakePacker packer = FakePacker.succeeding(dir, "eu-west-1:" + NEW_AMI);

    assertThatThrownBy(() -> run(options(packer).launchTemplate("gone").build()))
        .isInstanceOf(AmiBuildException.class)
        .hasMessageContaining("launch template gone not found in eu-west-1");
    assertThat(packer.ran()).isFalse();
  }

  @Test
  void aFailedRefreshExitsWith5AndRollbackRestoresTheRecordedPreviousVersion() throws Exception {
    refreshGoes("Pending", "InProgress", "Failed");
    FakePacker packer = FakePacker.succeeding(dir, "eu-west-1:" + NEW_AMI);
    AmiBuildOptions.Builder rollout =
        options(packer)
            .launchTemplate("nodes")
            .autoScalingGroup("nodes-a")
            .startInstanceRefresh(true)
            .keep(2);

    InstanceRefreshFailedException failed =
        catchThrowableOfType(InstanceRefreshFailedException.class, () -> run(rollout.build()));

    assertThat(failed.exitCode()).isEqualTo(5);
    assertThat(failed.getMessage())
        .contains("nodes-a Failed (Instance i-0bad1 failed health checks)")
        .contains(
            "kubeherd build ami --rollback --region eu-west-1 --launch-template nodes --asg nodes-a"
                + " --start-instance-refresh restores nodes version 3");
    String recorded = aws.calls("CreateLaunchTemplateVersion").getFirst().get("VersionDescription");
    assertThat(recorded).endsWith("previous default version 3");
    wm.verify(0, AwsStub.actionRequests("DeregisterImage"));

    // AWS now has version 5, with the description we wrote, as the default
    wm.resetRequests();
    aws.stub(
        aws.ec2(
            "DescribeLaunchTemplateVersions",
            "<launchTemplateVersionSet>"
                + templateVersion("lt-0123456789abcdef0", "nodes", 5, NEW_AMI, recorded, true)
                + "</launchTemplateVersionSet>"));
    refreshGoesIn("rollback-refresh", 1, "InProgress", "Successful");

    AmiBuildReport back = run(rollout.rollback(true).build());

    assertThat(aws.calls("DescribeLaunchTemplateVersions").getFirst())
        .containsEntry("LaunchTemplateName", "nodes")
        .containsEntry("LaunchTemplateVersion.1", "$Default");
    assertThat(aws.calls("ModifyLaunchTemplate"))
        .singleElement()
        .satisfies(m -> assertThat(m).containsEntry("SetDefaultVersion", "3"));
    assertThat(aws.calls("StartInstanceRefresh"))
        .singleElement()
        .satisfies(
            s -> assertThat(s).containsEntry("DesiredConfiguration.LaunchTemplate.Version", "3"));
    assertThat(back.launchTemplates())
        .containsExactly(
            new LaunchTemplateChange(
                "nodes", "lt-0123456789abcdef0", 5, 3, java.util.Optional.empty()));
    assertThat(back.refreshes())
        .singleElement()
        .satisfies(r -> assertThat(r.successful()).isTrue());
    wm.verify(0, AwsStub.actionRequests("DescribeImages"));
    wm.verify(0, AwsStub.actionRequests("CreateLaunchTemplateVersion"));
  }

  @Test
  void rollbackOfATemplateKubeherdDidNotMakeSaysWhatToDoInstead() throws Exception {
    aws.stub(
        aws.ec2(
            "DescribeLaunchTemplateVersions",
            "<launchTemplateVersionSet>"
                + templateVersion(
                    "lt-0123456789abcdef0", "nodes", 3, "ami-0handmade", "by hand", true)
                + "</launchTemplateVersionSet>"));
    FakePacker packer = FakePacker.succeeding(dir, "eu-west-1:" + NEW_AMI);

    AmiBuildException e =
        catchThrowableOfType(
            AmiBuildException.class,
            () -> run(options(packer).launchTemplate("nodes").rollback(true).build()));

    assertThat(e.exitCode()).isEqualTo(1);
    assertThat(e.getMessage())
        .contains("cannot roll back launch template nodes: its default version 3 records no")
        .contains(
            "aws ec2 modify-launch-template --launch-template-name nodes --default-version N");
    wm.verify(0, AwsStub.actionRequests("ModifyLaunchTemplate"));
  }

  @Test
  void aPinnedReleaseIsLookedUpByItsExactName() throws Exception {
    aws.stub(
        aws.ec2(
                "DescribeImages",
                images(
                    null,
                    image(
                        "ami-0lts",
                        "Flatcar-lts-4081.3.6-hvm",
                        "2025-11-01T08:00:00.000Z",
                        "x86_64")))
            .withRequestBody(containing("Flatcar-lts-4081.3.6-hvm"))
            .atPriority(1));
    FakePacker packer = FakePacker.succeeding(dir, "eu-west-1:" + NEW_AMI);

    AmiBuildReport report =
        run(options(packer).channel(FlatcarChannel.LTS).flatcarVersion("4081.3.6").build());

    assertThat(aws.calls("DescribeImages").getFirst())
        .containsEntry("Filter.1.Value.1", "Flatcar-lts-4081.3.6-hvm");
    assertThat(report.source().orElseThrow().imageId()).isEqualTo("ami-0lts");
    assertThat(packer.vars())
        .containsEntry("channel", "lts")
        .containsEntry("flatcar_version", "4081.3.6")
        .containsEntry("source_ami", "ami-0lts");
  }

  @Test
  void pruningRunsInEveryRegionTheAmiWasBuiltOrCopiedTo() throws Exception {
    for (String region : List.of("eu-west-1", "us-east-1")) {
      String built = region.equals("eu-west-1") ? NEW_AMI : NEW_AMI_US;
      aws.stub(
          aws.ec2(
                  "DescribeImages",
                  images(
                      null,
                      image(
                          built,
                          "kubeherd-node-flatcar-stable-4152.2.3-x86_64-20260105100000",
                          "2026-01-05T10:00:00.000Z",
                          "x86_64",
                          "snap-new-" + region),
                      image(
                          "ami-0old-" + region,
                          "kubeherd-node-flatcar-stable-4152.2.1-x86_64-20251201100000",
                          "2025-12-01T10:00:00.000Z",
                          "x86_64",
                          "snap-old-" + region)))
              .withRequestBody(containing("Owner.1=self"))
              .withHeader("Authorization", containing("/" + region + "/ec2/"))
              .atPriority(1));
    }
    aws.stub(aws.autoScaling("DescribeAutoScalingGroups", groups()).atPriority(1));
    aws.stub(aws.ec2("DeregisterImage", "<return>true</return>"));
    aws.stub(aws.ec2("DeleteSnapshot", "<return>true</return>"));
    FakePacker packer =
        FakePacker.succeeding(dir, "eu-west-1:" + NEW_AMI + ",us-east-1:" + NEW_AMI_US);

    AmiBuildReport report = run(options(packer).region("us-east-1").keep(1).build());

    assertThat(aws.calls("DeregisterImage"))
        .extracting(c -> c.get("ImageId"))
        .containsExactly("ami-0old-eu-west-1", "ami-0old-us-east-1");
    assertThat(aws.regions("DeregisterImage")).containsExactly("eu-west-1", "us-east-1");
    assertThat(aws.calls("DeleteSnapshot"))
        .extracting(c -> c.get("SnapshotId"))
        .containsExactly("snap-old-eu-west-1", "snap-old-us-east-1");
    assertThat(aws.calls("DescribeImages").stream().filter(c -> "self".equals(c.get("Owner.1"))))
        .allSatisfy(
            c ->
                assertThat(c)
                    .containsEntry("Filter.2.Value.1", "kubeherd-node-flatcar-stable-*-x86_64-*"));
    assertThat(report.kept()).extracting(KeptAmi::imageId).containsExactly(NEW_AMI, NEW_AMI_US);
    assertThat(progress).anyMatch(l -> l.startsWith("[8/8] pruned 2 AMI(s), kept 2"));
  }
}
