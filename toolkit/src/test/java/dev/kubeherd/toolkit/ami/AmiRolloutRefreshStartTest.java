package dev.kubeherd.toolkit.ami;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static dev.kubeherd.toolkit.ami.AwsStub.group;
import static dev.kubeherd.toolkit.ami.AwsStub.groups;
import static dev.kubeherd.toolkit.ami.AwsStub.refresh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link AmiBuild}'s step 7 when a group already runs a refresh: refused before packer when seen in
 * time; when a start still fails, the refreshes already started are followed to the end and the run
 * exits 5 with the rollback command.
 */
class AmiRolloutRefreshStartTest extends AmiBuildFixture {
  static final String LT = "lt-0123456789abcdef0";

  AmiBuildOptions.Builder rollout(FakePacker packer, String... groups) {
    AmiBuildOptions.Builder b = options(packer).launchTemplate("nodes").startInstanceRefresh(true);
    for (String g : groups) {
      b.autoScalingGroup(g);
    }
    return b;
  }

  @Test
  void aGroupWithARefreshStillRunningStopsTheRunBeforePackerAndChangesNothing() throws Exception {
    aws.stub(
        aws.autoScaling(
                "DescribeInstanceRefreshes",
                refresh("nodes-a", "5d1c0a9e-running", "InProgress", 40, null))
            .withRequestBody(notContaining("InstanceRefreshIds"))
            .withRequestBody(containing("AutoScalingGroupName=nodes-a"))
            .atPriority(1));
    FakePacker packer = FakePacker.succeeding(dir, "eu-west-1:" + NEW_AMI);

    AmiBuildException e =
        catchThrowableOfType(
            AmiBuildException.class, () -> run(rollout(packer, "nodes-a").build()));

    assertThat(e.exitCode()).isEqualTo(AmiExitCodes.ERROR);
    assertThat(e.getMessage())
        .startsWith(
            "an instance refresh is still running: nodes-a has instance refresh 5d1c0a9e-running"
                + " InProgress 40% (started 2026-01-05T10:00:00Z). Nothing was built or changed.")
        .contains("aws autoscaling cancel-instance-refresh --auto-scaling-group-name GROUP");
    assertThat(packer.ran()).isFalse();
    for (String change :
        List.of("CreateTags", "CreateLaunchTemplateVersion", "ModifyLaunchTemplate")) {
      wm.verify(0, AwsStub.actionRequests(change));
    }
    wm.verify(0, AwsStub.actionRequests("StartInstanceRefresh"));
    assertThat(aws.calls("DescribeInstanceRefreshes").getFirst())
        .containsEntry("AutoScalingGroupName", "nodes-a")
        .doesNotContainKey("InstanceRefreshIds.member.1");
  }

  @Test
  void aStartThatFailsStillFollowsTheStartedRefreshAndExitsFiveWithTheRollback() throws Exception {
    aws.stub(
        aws.autoScaling(
                "DescribeAutoScalingGroups",
                groups(
                    group("nodes-a", LT, "nodes", "$Default"),
                    group("nodes-b", LT, "nodes", "$Default"),
                    group("nodes-c", LT, "nodes", "$Default")))
            .atPriority(1));
    // nodes-b got a refresh of its own while packer ran
    aws.stub(
        aws.autoScaling("StartInstanceRefresh", "")
            .withRequestBody(containing("AutoScalingGroupName=nodes-b"))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        "<ErrorResponse xmlns=\""
                            + AwsStub.ASG_NS
                            + "\"><Error><Type>Sender</Type>"
                            + "<Code>InstanceRefreshInProgress</Code><Message>An Instance Refresh"
                            + " is already in progress and blocks the execution of this Instance"
                            + " Refresh.</Message></Error><RequestId>9f1e-EXAMPLE</RequestId>"
                            + "</ErrorResponse>")));
    refreshGoes("InProgress", "Successful");
    FakePacker packer = FakePacker.succeeding(dir, "eu-west-1:" + NEW_AMI);

    InstanceRefreshFailedException e =
        catchThrowableOfType(
            InstanceRefreshFailedException.class,
            () -> run(rollout(packer, "nodes-a", "nodes-b", "nodes-c").build()));

    assertThat(e.exitCode()).isEqualTo(AmiExitCodes.REFRESH_FAILED);
    assertThat(e.getMessage())
        .contains(
            "nodes-b NotStarted (StartInstanceRefresh failed: InstanceRefreshInProgress: An"
                + " Instance Refresh is already in progress")
        .contains("nodes-c NotStarted (not tried after nodes-b's failed to start)")
        .contains(
            "kubeherd build ami --rollback --region eu-west-1 --launch-template nodes --asg nodes-a"
                + " --asg nodes-b --asg nodes-c --start-instance-refresh restores nodes version 3");
    assertThat(aws.calls("StartInstanceRefresh"))
        .extracting(c -> c.get("AutoScalingGroupName"))
        .containsExactly("nodes-a", "nodes-b");
    assertThat(e.report().refreshes())
        .extracting(r -> r.autoScalingGroup() + " " + r.status())
        .containsExactly("nodes-a Successful", "nodes-b NotStarted", "nodes-c NotStarted");
    assertThat(aws.calls("DescribeInstanceRefreshes"))
        .filteredOn(c -> REFRESH_ID.equals(c.get("InstanceRefreshIds.member.1")))
        .hasSize(2);
    assertThat(progress)
        .anyMatch(l -> l.equals("[7/8] following 1 instance refresh(es), 2 not started"))
        .anyMatch(l -> l.contains("instance refresh of nodes-a: Successful 100%"));
  }

  @Test
  void aFollowThatFailsEndsWithExitFiveNamingTheRefreshAndTheRollback() throws Exception {
    aws.stub(
        aws.autoScaling("DescribeInstanceRefreshes", "")
            .withRequestBody(containing("InstanceRefreshIds.member.1="))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        "<ErrorResponse xmlns=\""
                            + AwsStub.ASG_NS
                            + "\"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User"
                            + " is not authorized to perform:"
                            + " autoscaling:DescribeInstanceRefreshes</Message></Error>"
                            + "<RequestId>7a1e-EXAMPLE</RequestId></ErrorResponse>")));
    FakePacker packer = FakePacker.succeeding(dir, "eu-west-1:" + NEW_AMI);

    InstanceRefreshFailedException e =
        catchThrowableOfType(
            InstanceRefreshFailedException.class, () -> run(rollout(packer, "nodes-a").build()));

    assertThat(e.exitCode()).isEqualTo(AmiExitCodes.REFRESH_FAILED);
    assertThat(e.getMessage())
        .contains(
            "nodes-a Unfollowed (refresh "
                + REFRESH_ID
                + " was started and may still run; following it failed: AccessDenied")
        .contains(
            "aws autoscaling describe-instance-refreshes --region eu-west-1"
                + " --auto-scaling-group-name nodes-a")
        .contains(
            "kubeherd build ami --rollback --region eu-west-1 --launch-template nodes --asg nodes-a"
                + " --start-instance-refresh restores nodes version 3");
    assertThat(e.report().refreshes())
        .extracting(r -> r.autoScalingGroup() + " " + r.status())
        .containsExactly("nodes-a Unfollowed");
  }
}
