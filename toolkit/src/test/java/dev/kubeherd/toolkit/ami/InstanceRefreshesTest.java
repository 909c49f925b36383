package dev.kubeherd.toolkit.ami;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.kubeherd.toolkit.ami.AwsStub.groups;
import static dev.kubeherd.toolkit.ami.AwsStub.refresh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Instance refreshes on Auto Scaling (WireMock): targets, mixed instances groups, timeouts. */
class InstanceRefreshesTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  final AwsStub aws = new AwsStub(wm);
  final List<String> progress = new ArrayList<>();
  AwsClients clients;

  @BeforeEach
  void clients() {
    clients = aws.clients();
  }

  @AfterEach
  void close() {
    clients.close();
  }

  InstanceRefreshes refreshes(Clock clock) {
    return new InstanceRefreshes(
        clients.autoScaling("eu-west-1"), "eu-west-1", clock, progress::add);
  }

  static final String SPOT =
      "<member><AutoScalingGroupName>spot</AutoScalingGroupName>"
          + "<MixedInstancesPolicy><LaunchTemplate><LaunchTemplateSpecification>"
          + "<LaunchTemplateId>lt-0nodes</LaunchTemplateId><LaunchTemplateName>nodes</LaunchTemplateName>"
          + "<Version>4</Version></LaunchTemplateSpecification>"
          + "<Overrides><member><InstanceType>m6i.large</InstanceType></member>"
          + "<member><InstanceType>m5.large</InstanceType></member></Overrides></LaunchTemplate>"
          + "<InstancesDistribution><OnDemandBaseCapacity>1</OnDemandBaseCapacity>"
          + "<SpotAllocationStrategy>price-capacity-optimized</SpotAllocationStrategy>"
          + "</InstancesDistribution></MixedInstancesPolicy>"
          + "<MinSize>1</MinSize><MaxSize>4</MaxSize><DesiredCapacity>2</DesiredCapacity></member>";

  @Test
  void aMixedInstancesGroupKeepsItsOverridesAndDistributionInTheDesiredConfiguration() {
    aws.stub(aws.autoScaling("DescribeAutoScalingGroups", groups(SPOT)));
    aws.stub(
        aws.autoScaling("StartInstanceRefresh", "<InstanceRefreshId>r-spot</InstanceRefreshId>"));
    InstanceRefreshes refreshes = refreshes(Clock.systemUTC());

    RefreshTarget target =
        refreshes.targets(List.of("spot"), Map.of("nodes", "lt-0nodes")).getFirst();
    String id = refreshes.start(target, 5, "5", RefreshOptions.minHealthy(100));

    assertThat(id).isEqualTo("r-spot");
    String lt = "DesiredConfiguration.MixedInstancesPolicy.LaunchTemplate.";
    assertThat(aws.calls("StartInstanceRefresh").getFirst())
        .containsEntry(lt + "LaunchTemplateSpecification.LaunchTemplateName", "nodes")
        .containsEntry(lt + "LaunchTemplateSpecification.Version", "5")
        .containsEntry(lt + "Overrides.member.1.InstanceType", "m6i.large")
        .containsEntry(lt + "Overrides.member.2.InstanceType", "m5.large")
        .containsEntry(
            "DesiredConfiguration.MixedInstancesPolicy.InstancesDistribution.OnDemandBaseCapacity",
            "1")
        .containsEntry("Preferences.MinHealthyPercentage", "100")
        .doesNotContainKey("Preferences.InstanceWarmup")
        .doesNotContainKey("DesiredConfiguration.LaunchTemplate.Version");
  }

  @Test
  void aGroupOnAnotherTemplateOrMissingIsRefusedBeforeAnythingChanges() {
    aws.stub(
        aws.autoScaling(
            "DescribeAutoScalingGroups",
            groups(AwsStub.group("batch", "lt-0batch", "batch", "7"))));
    InstanceRefreshes refreshes = refreshes(Clock.systemUTC());

    assertThatThrownBy(() -> refreshes.targets(List.of("batch"), Map.of("nodes", "lt-0nodes")))
        .hasMessageContaining(
            "auto scaling group batch launches from launch template batch, which is not among"
                + " --launch-template [nodes]");
    assertThatThrownBy(() -> refreshes.targets(List.of("gone"), Map.of("nodes", "lt-0nodes")))
        .hasMessageContaining("auto scaling group gone not found in eu-west-1");
  }

  @Test
  void aRefreshStillRunningAtTheDeadlineEndsAsTimedOutAndKeepsRunning() throws Exception {
    aws.stub(
        aws.autoScaling(
            "DescribeInstanceRefreshes", refresh("nodes-a", "r-1", "InProgress", 50, null)));
    // each reading of the clock moves it a minute on: the 2 minute deadline passes on the 3rd poll
    Clock ticking =
        new Clock() {
          Instant now = Instant.parse("2026-01-05T10:00:00Z");

          @Override
          public Instant instant() {
            Instant t = now;
            now = now.plus(Duration.ofMinutes(1));
            return t;
          }

          @Override
          public ZoneId getZone() {
            return ZoneId.of("UTC");
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }
        };
    RefreshOutcome started = new RefreshOutcome("nodes-a", "r-1", "nodes", 5, "Pending", "", 0);

    List<RefreshOutcome> outcomes =
        refreshes(ticking).follow(List.of(started), Duration.ofMillis(1), Duration.ofMinutes(2));

    assertThat(outcomes)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.status()).isEqualTo(RefreshOutcome.TIMED_OUT);
              assertThat(o.successful()).isFalse();
              assertThat(o.statusReason())
                  .contains("still InProgress after PT2M")
                  .contains(
                      "aws autoscaling cancel-instance-refresh --auto-scaling-group-name nodes-a");
            });
    assertThat(progress).containsExactly("instance refresh of nodes-a: InProgress 50%");
  }

  @Test
  void aThrottledPollIsRetriedAtTheNextIntervalInsteadOfEndingTheFollow() throws Exception {
    // six throttled answers: more than the SDK's own retries of one poll, then the refresh ends
    String state = STARTED;
    for (int i = 1; i <= 6; i++) {
      aws.stub(
          post(urlEqualTo("/"))
              .withRequestBody(containing("Action=DescribeInstanceRefreshes&"))
              .inScenario("throttled")
              .whenScenarioStateIs(state)
              .willSetStateTo("throttled-" + i)
              .willReturn(
                  aResponse()
                      .withStatus(400)
                      .withHeader("Content-Type", "text/xml")
                      .withBody(
                          "<ErrorResponse xmlns=\""
                              + AwsStub.ASG_NS
                              + "\"><Error><Type>Sender</Type><Code>Throttling</Code>"
                              + "<Message>Rate exceeded</Message></Error>"
                              + "<RequestId>7c1e-EXAMPLE</RequestId></ErrorResponse>")));
      state = "throttled-" + i;
    }
    aws.stub(
        aws.autoScaling(
                "DescribeInstanceRefreshes", refresh("nodes-a", "r-1", "Successful", 100, null))
            .inScenario("throttled")
            .whenScenarioStateIs(state));
    RefreshOutcome started = new RefreshOutcome("nodes-a", "r-1", "nodes", 5, "Pending", "", 0);

    List<RefreshOutcome> outcomes =
        refreshes(Clock.systemUTC())
            .follow(List.of(started), Duration.ofMillis(1), Duration.ofMinutes(5));

    assertThat(outcomes)
        .singleElement()
        .satisfies(o -> assertThat(o.status()).isEqualTo("Successful"));
    assertThat(progress)
        .anyMatch(
            l ->
                l.startsWith("instance refresh of nodes-a: not read this time (Throttling: Rate")
                    && l.endsWith("); polling again"))
        .contains("instance refresh of nodes-a: Successful 100%");
  }
}
