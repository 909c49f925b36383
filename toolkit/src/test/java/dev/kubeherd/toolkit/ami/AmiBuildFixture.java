package dev.kubeherd.toolkit.ami;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
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

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * EC2, SSM and Auto Scaling on WireMock with the answers a normal {@code build ami} run gets (two
 * pages of Flatcar images, one launch template, one group), a recording packer stand-in, and
 * helpers to run {@link AmiBuild}; the test classes extend it.
 */
abstract class AmiBuildFixture {
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
    // the check before packer (no refresh ids): the group's last refresh ended long ago
    aws.stub(
        aws.autoScaling(
                "DescribeInstanceRefreshes",
                refresh("nodes-a", "0c7e3a52-old", "Successful", 100, null))
            .withRequestBody(notContaining("InstanceRefreshIds"))
            .atPriority(9));
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

  /** {@link #options} rolling the image out: launch template nodes, then a refresh of nodes-a. */
  AmiBuildOptions.Builder rollout(FakePacker packer) {
    return options(packer)
        .launchTemplate("nodes")
        .autoScalingGroup("nodes-a")
        .startInstanceRefresh(true);
  }

  /**
   * The rollback made version 3 the template's default again and started one refresh naming {@code
   * desiredVersion}.
   */
  void assertRolledBackToVersion3RefreshingWith(String desiredVersion) {
    assertThat(aws.calls("ModifyLaunchTemplate"))
        .singleElement()
        .satisfies(m -> assertThat(m).containsEntry("SetDefaultVersion", "3"));
    assertThat(aws.calls("StartInstanceRefresh"))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s)
                    .containsEntry("DesiredConfiguration.LaunchTemplate.Version", desiredVersion));
  }

  AmiBuildReport run(AmiBuildOptions options) throws InterruptedException {
    return new AmiBuild(clients, Clock.systemUTC(), progress::add).run(options);
  }

  /** nodes-a launches from nodes at {@code version} (empty: no version set). */
  void groupOnVersion(String version) {
    String group = AwsStub.group("nodes-a", "lt-0123456789abcdef0", "nodes", version);
    aws.stub(
        aws.autoScaling(
                "DescribeAutoScalingGroups",
                AwsStub.groups(
                    version.isEmpty() ? group.replace("<Version></Version>", "") : group))
            .atPriority(1));
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
              .withRequestBody(containing("InstanceRefreshIds.member.1="))
              .inScenario(scenario)
              .atPriority(priority)
              .whenScenarioStateIs(state)
              .willSetStateTo(next));
      state = next;
    }
  }
}
