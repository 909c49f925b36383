package dev.kubeherd.toolkit.ami;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.kubeherd.toolkit.ami.AwsStub.group;
import static dev.kubeherd.toolkit.ami.AwsStub.groups;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link AmiReferences} against EC2 and Auto Scaling on WireMock. */
class AmiReferencesTest {
  static final String REGION = "eu-west-1";
  static final String NAMES = "LaunchConfigurationNames.member.";

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  final AwsStub aws = new AwsStub(wm);
  AwsClients clients;

  @BeforeEach
  void noLaunchTemplates() {
    clients = aws.clients();
    aws.stub(aws.ec2("DescribeLaunchTemplates", "<launchTemplates></launchTemplates>"));
  }

  @AfterEach
  void close() {
    clients.close();
  }

  @Test
  void launchConfigurationsAreDescribedAtMost50NamesAtATimeEachOnce() {
    // 52 groups on 51 launch configurations: lc-01 to lc-51, lc-01 used twice
    List<String> members = new ArrayList<>();
    members.add(group("extra", "lc-01", null, null));
    for (int i = 1; i <= 51; i++) {
      members.add(group("legacy-" + i, "lc-%02d".formatted(i), null, null));
    }
    aws.stub(aws.autoScaling("DescribeAutoScalingGroups", groups(members.toArray(String[]::new))));
    aws.stub(aws.autoScaling("DescribeLaunchConfigurations", configuration("lc-01", "ami-0lc01")));
    aws.stub(
        aws.autoScaling("DescribeLaunchConfigurations", configuration("lc-51", "ami-0lc51"))
            .withRequestBody(containing(NAMES + "1=lc-51"))
            .atPriority(1));

    Set<String> inUse = new AmiReferences(clients::ec2, clients::autoScaling).inUse(REGION);

    List<Map<String, String>> calls = aws.calls("DescribeLaunchConfigurations");
    assertThat(calls).allSatisfy(c -> assertThat(names(c)).hasSizeLessThanOrEqualTo(50));
    assertThat(calls.stream().flatMap(c -> names(c).stream()).toList())
        .doesNotHaveDuplicates()
        .hasSize(51)
        .contains("lc-01", "lc-50", "lc-51");
    assertThat(inUse).containsExactlyInAnyOrder("ami-0lc01", "ami-0lc51");
  }

  private static List<String> names(Map<String, String> call) {
    return call.entrySet().stream()
        .filter(e -> e.getKey().startsWith(NAMES))
        .map(Map.Entry::getValue)
        .toList();
  }

  private static String configuration(String name, String imageId) {
    return "<LaunchConfigurations><member><LaunchConfigurationName>"
        + name
        + "</LaunchConfigurationName><ImageId>"
        + imageId
        + "</ImageId><InstanceType>m5.large</InstanceType>"
        + "<CreatedTime>2024-01-01T00:00:00Z</CreatedTime></member></LaunchConfigurations>";
  }
}
