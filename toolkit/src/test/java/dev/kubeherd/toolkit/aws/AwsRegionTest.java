package dev.kubeherd.toolkit.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.kubeherd.toolkit.ToolkitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.InstanceProfileRegionProvider;

/**
 * The region of a toolkit command: setting, AWS_REGION, AWS_DEFAULT_REGION, then the SDK's chain
 * (the real profile provider on a temp AWS_CONFIG_FILE, the real metadata provider on WireMock).
 */
class AwsRegionTest {
  @RegisterExtension
  static WireMockExtension imds =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  /** The command's environment with AWS_CONFIG_FILE holding {@code config}, metadata off. */
  Map<String, String> env(String config, String... more) throws Exception {
    Path file = Files.writeString(dir.resolve("config"), config);
    Map<String, String> env = new HashMap<>();
    env.put("AWS_CONFIG_FILE", file.toString());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  @Test
  void awsDefaultRegionIsUsedWhenNeitherTheSettingNorAwsRegionIsGiven() throws Exception {
    String config = "[default]\nregion = ap-south-1\n";

    assertThat(AwsRegion.resolve(Optional.empty(), env(config, "AWS_DEFAULT_REGION", "eu-west-1")))
        .isEqualTo("eu-west-1");
    assertThat(
            AwsRegion.resolve(
                Optional.empty(),
                env(config, "AWS_REGION", "us-east-1", "AWS_DEFAULT_REGION", "eu-west-1")))
        .isEqualTo("us-east-1");
    assertThat(
            AwsRegion.resolve(
                Optional.of("eu-central-1"),
                env(config, "AWS_REGION", "us-east-1", "AWS_DEFAULT_REGION", "eu-west-1")))
        .isEqualTo("eu-central-1");
  }

  @Test
  void theRegionOfTheAwsProfileInTheConfigFileIsUsedWhenTheEnvironmentNamesNone() throws Exception {
    String config = "[default]\nregion = ap-south-1\n[profile ops]\nregion = sa-east-1\n";

    assertThat(AwsRegion.resolve(Optional.empty(), env(config, "AWS_DEFAULT_REGION", " ")))
        .isEqualTo("ap-south-1");
    assertThat(AwsRegion.resolve(Optional.empty(), env(config, "AWS_PROFILE", "ops")))
        .isEqualTo("sa-east-1");
  }

  @Test
  void noRegionAnywhereNamesEveryWayToSetIt() throws Exception {
    Map<String, String> env = env("[default]\noutput = json\n");

    assertThatThrownBy(() -> AwsRegion.resolve(Optional.empty(), env))
        .isInstanceOf(ToolkitException.class)
        .hasMessageContaining("AWS_DEFAULT_REGION")
        .hasMessageContaining("~/.aws/config");
    assertThat(AwsRegion.find(Optional.empty(), env)).isEmpty();
    env.put("AWS_CONFIG_FILE", dir.resolve("missing").toString());
    assertThat(AwsRegion.find(Optional.empty(), env)).isEmpty();
  }

  @Test
  void aMetadataServiceThatDoesNotAnswerIsGivenUpAfterTheLimit() throws Exception {
    imds.stubFor(any(anyUrl()).willReturn(aResponse().withFixedDelay(5_000).withBody("x")));
    String property = "aws.ec2MetadataServiceEndpoint";
    System.setProperty(property, imds.baseUrl());
    try {
      AwsRegionProvider metadata =
          new BoundedRegionProvider(new InstanceProfileRegionProvider(), Duration.ofMillis(300));
      long start = System.nanoTime();

      Optional<String> found = AwsRegion.find(Optional.empty(), Map.of(), metadata);

      assertThat(found).isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      // the lookup really asked the (silent) metadata service; it may still be on its way
      long waitUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (imds.getAllServeEvents().isEmpty() && System.nanoTime() < waitUntil) {
        Thread.sleep(50);
      }
      assertThat(imds.getAllServeEvents()).isNotEmpty();
    } finally {
      System.clearProperty(property);
    }
  }
}
