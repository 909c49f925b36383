package dev.kubeherd.toolkit.ami;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static dev.kubeherd.toolkit.ami.AwsStub.groups;
import static dev.kubeherd.toolkit.ami.AwsStub.image;
import static dev.kubeherd.toolkit.ami.AwsStub.images;
import static dev.kubeherd.toolkit.ami.AwsStub.templateVersion;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link AmiBuild}'s step 8 in the build region and a copy region: our AMIs beyond {@code --keep}
 * go, unless a version of any launch template of that region still uses them.
 */
class AmiBuildPruningTest extends AmiBuildFixture {
  static final List<String> REGIONS = List.of("eu-west-1", "us-east-1");

  @BeforeEach
  void noGroupsAndDeletionsAllowed() {
    aws.stub(aws.autoScaling("DescribeAutoScalingGroups", groups()).atPriority(1));
    aws.stub(aws.ec2("DeregisterImage", "<return>true</return>"));
    aws.stub(aws.ec2("DeleteSnapshot", "<return>true</return>"));
  }

  @Test
  void pruningRunsInEveryRegionTheAmiWasBuiltOrCopiedTo() throws Exception {
    for (String region : REGIONS) {
      ourAmisIn(region, old(region));
      templatesIn(region, null, "<launchTemplates/>");
    }
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

  @Test
  void anAmiThatOnlyAnUnattachedLaunchTemplateVersionUsesIsKeptInEveryRegion() throws Exception {
    for (String region : REGIONS) {
      String spare = "ami-0spare-" + region;
      ourAmisIn(region, old(region), ours(spare, "20251101100000", "snap-spare-" + region));
      // two pages of templates; "spare" (named by no flag, used by no group) is on the second,
      // and its version with the AMI on its second page of versions
      templatesIn(region, null, templates("lt-0nodes-" + region, "nodes", "lts-2"));
      templatesIn(region, "lts-2", templates("lt-0spare-" + region, "spare", null));
      versionsIn(region, "lt-0nodes-" + region, null, null, version("nodes", 1, NEW_AMI));
      versionsIn(region, "lt-0spare-" + region, null, "v-2", version("spare", 1, "ami-0gone"));
      versionsIn(region, "lt-0spare-" + region, "v-2", null, version("spare", 2, spare));
    }
    FakePacker packer =
        FakePacker.succeeding(dir, "eu-west-1:" + NEW_AMI + ",us-east-1:" + NEW_AMI_US);

    AmiBuildReport report = run(options(packer).region("us-east-1").keep(1).build());

    assertThat(aws.calls("DeregisterImage"))
        .extracting(c -> c.get("ImageId"))
        .containsExactly("ami-0old-eu-west-1", "ami-0old-us-east-1");
    assertThat(report.kept())
        .extracting(k -> k.region() + " " + k.imageId() + ": " + k.reason())
        .contains(
            "eu-west-1 ami-0spare-eu-west-1: in use", "us-east-1 ami-0spare-us-east-1: in use");
    assertThat(aws.calls("DescribeLaunchTemplates"))
        .filteredOn(c -> "lts-2".equals(c.get("NextToken")))
        .hasSize(2);
    assertThat(aws.calls("DescribeLaunchTemplateVersions"))
        .filteredOn(c -> "v-2".equals(c.get("NextToken")))
        .extracting(c -> c.get("LaunchTemplateId"))
        .containsExactly("lt-0spare-eu-west-1", "lt-0spare-us-east-1");
  }

  private void ourAmisIn(String region, String... older) {
    String built = region.equals("eu-west-1") ? NEW_AMI : NEW_AMI_US;
    String[] all = new String[older.length + 1];
    all[0] = ours(built, "20260105100000", "snap-new-" + region);
    System.arraycopy(older, 0, all, 1, older.length);
    aws.stub(
        aws.ec2("DescribeImages", images(null, all))
            .withRequestBody(containing("Owner.1=self"))
            .withHeader("Authorization", containing("/" + region + "/ec2/"))
            .atPriority(1));
  }

  private static String old(String region) {
    return ours("ami-0old-" + region, "20251201100000", "snap-old-" + region);
  }

  private static String ours(String id, String stamp, String snapshot) {
    String day = stamp.substring(0, 4) + "-" + stamp.substring(4, 6) + "-" + stamp.substring(6, 8);
    return image(
        id,
        "kubeherd-node-flatcar-stable-4152.2.1-x86_64-" + stamp,
        day + "T10:00:00.000Z",
        "x86_64",
        snapshot);
  }

  /** One page of the region's launch templates: the first when {@code token} is null. */
  private void templatesIn(String region, String token, String page) {
    var mapping =
        aws.ec2("DescribeLaunchTemplates", page)
            .withRequestBody(notContaining("LaunchTemplateName."))
            .withHeader("Authorization", containing("/" + region + "/ec2/"));
    aws.stub(
        token == null
            ? mapping.atPriority(2)
            : mapping.withRequestBody(containing("NextToken=" + token)).atPriority(1));
  }

  private static String templates(String id, String name, String nextToken) {
    return AwsStub.launchTemplate(id, name, 1, 2)
        + (nextToken == null ? "" : "<nextToken>" + nextToken + "</nextToken>");
  }

  /** One page of a template's versions: the first when {@code token} is null. */
  private void versionsIn(
      String region, String templateId, String token, String nextToken, String version) {
    var mapping =
        aws.ec2(
                "DescribeLaunchTemplateVersions",
                "<launchTemplateVersionSet>"
                    + version
                    + "</launchTemplateVersionSet>"
                    + (nextToken == null ? "" : "<nextToken>" + nextToken + "</nextToken>"))
            .withRequestBody(containing("LaunchTemplateId=" + templateId))
            .withHeader("Authorization", containing("/" + region + "/ec2/"));
    aws.stub(
        token == null
            ? mapping.atPriority(2)
            : mapping.withRequestBody(containing("NextToken=" + token)).atPriority(1));
  }

  private static String version(String name, long number, String imageId) {
    return templateVersion("lt-0" + name, name, number, imageId, null, false);
  }
}
