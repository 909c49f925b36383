package dev.kubeherd.toolkit.ami;

import static dev.kubeherd.toolkit.ami.AwsStub.templateVersion;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The launch template version a refresh names in its DesiredConfiguration, which Auto Scaling makes
 * the group's own when the refresh succeeds: a group following {@code $Default}/{@code $Latest}
 * must keep following it, not end up pinned to the new number.
 */
class AmiRolloutDesiredVersionTest extends AmiBuildFixture {
  @ParameterizedTest(name = "group on \"{0}\" is refreshed with {1}")
  @CsvSource({"$Default, $Default", "$Latest, $Latest", "'', $Default", "4, 5"})
  void aBuildKeepsAGroupFollowingDefaultOrLatestAndMovesANumberedOneToTheNewVersion(
      String groupVersion, String desired) throws Exception {
    groupOnVersion(groupVersion);
    refreshGoes("InProgress", "Successful");
    FakePacker packer = FakePacker.succeeding(dir, "eu-west-1:" + NEW_AMI);

    run(rollout(packer).build());

    assertThat(aws.calls("StartInstanceRefresh"))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s)
                    .containsEntry(
                        "DesiredConfiguration.LaunchTemplate.LaunchTemplateName", "nodes")
                    .containsEntry("DesiredConfiguration.LaunchTemplate.Version", desired));
  }

  /** $Latest still is the new version after a rollback: only the number rolls the group back. */
  @ParameterizedTest(name = "group on \"{0}\" is rolled back with {1}")
  @CsvSource({"$Default, $Default", "$Latest, 3", "5, 3"})
  void aRollbackNamesDefaultOrThePreviousNumberNeverLatest(String groupVersion, String desired)
      throws Exception {
    groupOnVersion(groupVersion);
    aws.stub(
        aws.ec2(
                "DescribeLaunchTemplateVersions",
                "<launchTemplateVersionSet>"
                    + templateVersion(
                        "lt-0123456789abcdef0",
                        "nodes",
                        5,
                        NEW_AMI,
                        "kubeherd build ami: Flatcar stable 4152.2.3 x86_64, git 3f2c1d0, previous"
                            + " default version 3",
                        true)
                    + "</launchTemplateVersionSet>")
            .atPriority(1));
    refreshGoes("InProgress", "Successful");
    FakePacker packer = FakePacker.succeeding(dir, "eu-west-1:" + NEW_AMI);

    run(rollout(packer).rollback(true).build());

    assertRolledBackToVersion3RefreshingWith(desired);
    assertThat(packer.ran()).isFalse();
  }
}
