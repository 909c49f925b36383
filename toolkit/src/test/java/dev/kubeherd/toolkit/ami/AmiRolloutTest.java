package dev.kubeherd.toolkit.ami;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static dev.kubeherd.toolkit.ami.AwsStub.templateVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link AmiBuild}'s rollout: new default launch template versions, instance refreshes followed to
 * the end, and the rollback a failed refresh leaves possible.
 */
class AmiRolloutTest extends AmiBuildFixture {
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
            rollout(packer)
                .refresh(RefreshOptions.of(90, null, 120, List.of(), null, false))
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
                    .containsEntry("DesiredConfiguration.LaunchTemplate.Version", "$Default"));
    // first the check for a refresh still running, before packer; then the polls of ours
    assertThat(aws.calls("DescribeInstanceRefreshes").getFirst())
        .containsEntry("AutoScalingGroupName", "nodes-a")
        .doesNotContainKey("InstanceRefreshIds.member.1");
    assertThat(aws.calls("DescribeInstanceRefreshes").subList(1, 4))
        .allSatisfy(d -> assertThat(d).containsEntry("InstanceRefreshIds.member.1", REFRESH_ID));
    assertThat(aws.calls("DescribeInstanceRefreshes")).hasSize(4);
    assertThat(report.refreshes())
        .singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo("Successful"));
    assertThat(progress)
        .anyMatch(l -> l.contains("instance refresh of nodes-a: InProgress 50%"))
        .anyMatch(l -> l.contains("instance refresh of nodes-a: Successful 100%"));
  }

  @Test
  void aControllerRollSurgesAboveTheDesiredCapacityWithItsCheckpointsAndAutoRollback()
      throws Exception {
    groupOnVersion("4");
    refreshGoes("InProgress", "Successful");
    FakePacker packer = FakePacker.succeeding(dir, "eu-west-1:" + NEW_AMI);

    run(
        rollout(packer)
            .refresh(
                RefreshOptions.of(100, 110, null, List.of(50, 100), Duration.ofMinutes(5), true))
            .build());

    assertThat(aws.calls("StartInstanceRefresh"))
        .singleElement()
        .isEqualTo(
            Map.ofEntries(
                Map.entry("Action", "StartInstanceRefresh"),
                Map.entry("Version", "2011-01-01"),
                Map.entry("AutoScalingGroupName", "nodes-a"),
                Map.entry("Strategy", "Rolling"),
                Map.entry("DesiredConfiguration.LaunchTemplate.LaunchTemplateName", "nodes"),
                Map.entry("DesiredConfiguration.LaunchTemplate.Version", "5"),
                Map.entry("Preferences.MinHealthyPercentage", "100"),
                Map.entry("Preferences.MaxHealthyPercentage", "110"),
                Map.entry("Preferences.SkipMatching", "true"),
                Map.entry("Preferences.CheckpointPercentages.member.1", "50"),
                Map.entry("Preferences.CheckpointPercentages.member.2", "100"),
                Map.entry("Preferences.CheckpointDelay", "300"),
                Map.entry("Preferences.AutoRollback", "true")));
    assertThat(progress)
        .anyMatch(
            l ->
                l.contains(
                    "started (min healthy 100%, max healthy 110%, checkpoints 50% 100% (pausing"
                        + " 300s at each), auto rollback, skip matching)"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"$Default", "$Latest", ""})
  void autoRollbackOfAGroupOnDefaultOrLatestStopsTheRunBeforePacker(String version)
      throws Exception {
    groupOnVersion(version);
    FakePacker packer = FakePacker.succeeding(dir, "eu-west-1:" + NEW_AMI);

    AmiBuildException e =
        catchThrowableOfType(
            AmiBuildException.class,
            () ->
                run(
                    rollout(packer)
                        .refresh(RefreshOptions.of(90, null, null, List.of(), null, true))
                        .build()));

    assertThat(e.exitCode()).isEqualTo(1);
    assertThat(e.getMessage())
        .contains("--auto-rollback needs each group on a numbered launch template version")
        .contains("nodes-a (" + (version.isEmpty() ? "$Default" : version) + ")");
    assertThat(packer.ran()).isFalse();
    wm.verify(0, AwsStub.actionRequests("CreateLaunchTemplateVersion"));
    wm.verify(0, AwsStub.actionRequests("StartInstanceRefresh"));
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
    AmiBuildOptions.Builder rollout = rollout(packer).keep(2);

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
    assertRolledBackToVersion3RefreshingWith("$Default");
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
}
