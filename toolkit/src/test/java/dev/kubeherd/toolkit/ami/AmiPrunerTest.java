package dev.kubeherd.toolkit.ami;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.kubeherd.toolkit.ami.AwsStub.group;
import static dev.kubeherd.toolkit.ami.AwsStub.groups;
import static dev.kubeherd.toolkit.ami.AwsStub.image;
import static dev.kubeherd.toolkit.ami.AwsStub.images;
import static dev.kubeherd.toolkit.ami.AwsStub.templateVersion;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pruning against EC2 and Auto Scaling on WireMock: the newest N and every AMI still referenced (by
 * any version of any launch template of the region, every page read, or by a group's launch
 * configuration) stay; the rest are deregistered with their snapshots.
 */
class AmiPrunerTest {
  static final String REGION = "eu-west-1";
  static final String PATTERN = "kubeherd-node-flatcar-stable-*-x86_64-*";

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  final AwsStub aws = new AwsStub(wm);
  final List<String> progress = new ArrayList<>();
  AwsClients clients;

  @BeforeEach
  void ourAmisOnTwoPagesAndTheirUsers() {
    clients = aws.clients();
    aws.stub(
        aws.ec2(
                "DescribeImages",
                images(
                    "more",
                    ours("ami-0new", "2026-01-05", "snap-0new"),
                    ours("ami-0k1", "2026-01-01", "snap-0k1"),
                    ours("ami-0k2", "2025-12-01", "snap-0k2"),
                    ours("ami-0lt", "2025-11-01", "snap-0lt"),
                    ours("ami-0batch", "2025-10-01", "snap-0batch"),
                    ours("ami-0lc", "2025-09-01", "snap-0lc"),
                    ours("ami-0del1", "2025-07-01", "snap-0del1a", "snap-0del1b")))
            .atPriority(5));
    aws.stub(
        aws.ec2(
                "DescribeImages",
                images(
                    null,
                    ours("ami-0mixed", "2025-08-01", "snap-0mixed"),
                    ours("ami-0spare", "2025-06-15", "snap-0spare"),
                    ours("ami-0del2", "2025-06-01", "snap-0del2")))
            .withRequestBody(containing("NextToken=more"))
            .atPriority(1));
    // the region's templates on two pages; spare is named by no flag and used by no group
    aws.stub(
        aws.ec2(
                "DescribeLaunchTemplates",
                templates("lts-2", "lt-0nodes", "nodes", "lt-0batch", "batch"))
            .atPriority(5));
    aws.stub(
        aws.ec2(
                "DescribeLaunchTemplates",
                templates(null, "lt-0spot", "spot", "lt-0spare", "spare"))
            .withRequestBody(containing("NextToken=lts-2"))
            .atPriority(1));
    versions("lt-0nodes", null, "versions-2", version("lt-0nodes", "nodes", 1, "ami-0ancient"));
    versions(
        "lt-0nodes",
        "versions-2",
        null,
        version("lt-0nodes", "nodes", 2, "ami-0lt"),
        version("lt-0nodes", "nodes", 3, "ami-0k1"));
    versions("lt-0batch", null, null, version("lt-0batch", "batch", 7, "ami-0batch"));
    versions("lt-0spot", null, null, version("lt-0spot", "spot", 4, "ami-0mixed"));
    versions("lt-0spare", null, null, version("lt-0spare", "spare", 1, "ami-0spare"));
    aws.stub(
        aws.autoScaling(
            "DescribeAutoScalingGroups",
            groups(
                group("nodes-a", "lt-0nodes", "nodes", "$Default"),
                group("batch", "lt-0batch", "batch", "7"),
                group("legacy", "legacy-lc", null, null),
                MIXED)));
    aws.stub(
        aws.autoScaling(
            "DescribeLaunchConfigurations",
            "<LaunchConfigurations><member><LaunchConfigurationName>legacy-lc</LaunchConfigurationName>"
                + "<ImageId>ami-0lc</ImageId><InstanceType>m5.large</InstanceType>"
                + "<CreatedTime>2024-01-01T00:00:00Z</CreatedTime></member></LaunchConfigurations>"));
    aws.stub(aws.ec2("DeregisterImage", "<return>true</return>"));
    aws.stub(aws.ec2("DeleteSnapshot", "<return>true</return>"));
  }

  static final String MIXED =
      "<member><AutoScalingGroupName>spot</AutoScalingGroupName>"
          + "<MixedInstancesPolicy><LaunchTemplate><LaunchTemplateSpecification>"
          + "<LaunchTemplateId>lt-0spot</LaunchTemplateId><LaunchTemplateName>spot</LaunchTemplateName>"
          + "<Version>$Latest</Version></LaunchTemplateSpecification>"
          + "<Overrides><member><InstanceType>m6i.large</InstanceType></member></Overrides>"
          + "</LaunchTemplate></MixedInstancesPolicy>"
          + "<MinSize>0</MinSize><MaxSize>4</MaxSize><DesiredCapacity>1</DesiredCapacity>"
          + "<CreatedTime>2026-01-05T10:00:00.000Z</CreatedTime></member>";

  static String templates(String nextToken, String... idsAndNames) {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < idsAndNames.length; i += 2) {
      items.append(
          AwsStub.launchTemplate(idsAndNames[i], idsAndNames[i + 1], 1, 1)
              .replace("<launchTemplates>", "")
              .replace("</launchTemplates>", ""));
    }
    return "<launchTemplates>"
        + items
        + "</launchTemplates>"
        + (nextToken == null ? "" : "<nextToken>" + nextToken + "</nextToken>");
  }

  static String version(String id, String name, long number, String imageId) {
    return templateVersion(id, name, number, imageId, null, false);
  }

  /** One page of a template's versions: the first when {@code token} is null. */
  void versions(String templateId, String token, String nextToken, String... versions) {
    var mapping =
        aws.ec2(
                "DescribeLaunchTemplateVersions",
                "<launchTemplateVersionSet>"
                    + String.join("", versions)
                    + "</launchTemplateVersionSet>"
                    + (nextToken == null ? "" : "<nextToken>" + nextToken + "</nextToken>"))
            .withRequestBody(containing("LaunchTemplateId=" + templateId));
    aws.stub(
        token == null
            ? mapping.atPriority(5)
            : mapping.withRequestBody(containing("NextToken=" + token)).atPriority(1));
  }

  static String ours(String id, String day, String... snapshots) {
    return image(
        id,
        "kubeherd-node-flatcar-stable-4152.2.3-x86_64-" + day.replace("-", "") + "100000",
        day + "T10:00:00.000Z",
        "x86_64",
        snapshots);
  }

  @AfterEach
  void close() {
    clients.close();
  }

  AmiPruner.Result prune(int keep) {
    Set<String> inUse = new AmiReferences(clients::ec2, clients::autoScaling).inUse(REGION);
    return new AmiPruner(clients::ec2, progress::add)
        .prune(REGION, PATTERN, AmiArch.X86_64, keep, inUse, "ami-0new");
  }

  @Test
  void onlyOurManagedAmisOfThisLineAreConsidered() {
    prune(3);

    assertThat(aws.calls("DescribeImages").getFirst())
        .containsEntry("Owner.1", "self")
        .containsEntry("Filter.1.Name", "tag:kubeherd:managed")
        .containsEntry("Filter.1.Value.1", "true")
        .containsEntry("Filter.2.Name", "name")
        .containsEntry("Filter.2.Value.1", PATTERN)
        .containsEntry("Filter.3.Name", "architecture")
        .containsEntry("Filter.3.Value.1", "x86_64");
    assertThat(aws.calls("DescribeImages").get(1)).containsEntry("NextToken", "more");
  }

  @Test
  void amisBeyondTheNewestNThatNothingUsesAreDeregisteredWithTheirSnapshots() {
    AmiPruner.Result result = prune(3);

    assertThat(aws.calls("DeregisterImage"))
        .extracting(c -> c.get("ImageId"))
        .containsExactly("ami-0del1", "ami-0del2");
    assertThat(aws.calls("DeleteSnapshot"))
        .extracting(c -> c.get("SnapshotId"))
        .containsExactly("snap-0del1a", "snap-0del1b", "snap-0del2");
    assertThat(result.deleted())
        .extracting(PrunedAmi::imageId)
        .containsExactly("ami-0del1", "ami-0del2");
    assertThat(progress).anyMatch(l -> l.contains("pruned ami-0del1"));
  }

  @Test
  void theNewestAndEveryReferencedAmiAreKeptWithTheReason() {
    AmiPruner.Result result = prune(3);

    assertThat(result.kept())
        .extracting(k -> k.imageId() + ": " + k.reason())
        .containsExactly(
            "ami-0new: just built",
            "ami-0k1: newest 3",
            "ami-0k2: newest 3",
            "ami-0lt: in use",
            "ami-0batch: in use",
            "ami-0lc: in use",
            "ami-0mixed: in use",
            "ami-0spare: in use");
  }

  @Test
  void everyVersionOfEveryTemplateOfTheRegionIsReadOnEveryPage() {
    prune(3);

    assertThat(aws.calls("DescribeLaunchTemplates"))
        .extracting(m -> m.getOrDefault("NextToken", "first page"))
        .containsExactly("first page", "lts-2");
    assertThat(aws.calls("DescribeLaunchTemplateVersions"))
        .extracting(
            m -> m.get("LaunchTemplateId") + " " + m.getOrDefault("NextToken", "first page"))
        .containsExactly(
            "lt-0nodes first page",
            "lt-0nodes versions-2",
            "lt-0batch first page",
            "lt-0spot first page",
            "lt-0spare first page");
    assertThat(aws.calls("DescribeLaunchTemplateVersions"))
        .allSatisfy(m -> assertThat(m).doesNotContainKey("LaunchTemplateVersion.1"));
    assertThat(aws.calls("DescribeLaunchConfigurations").getFirst())
        .containsEntry("LaunchConfigurationNames.member.1", "legacy-lc");
  }
}
