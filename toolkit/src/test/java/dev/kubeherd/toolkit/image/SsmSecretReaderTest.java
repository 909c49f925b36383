package dev.kubeherd.toolkit.image;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The image build's SSM reader finds its region as {@code brigadm ssm get} does. */
class SsmSecretReaderTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path tmp;

  @BeforeEach
  void stubSsm() {
    wm.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody("{\"Parameter\":{\"Value\":\"tok\"}}")));
  }

  private Map<String, String> env(String... extra) throws Exception {
    Path config = Files.writeString(tmp.resolve("config"), "[default]\nregion = eu-west-1\n");
    Map<String, String> env = new HashMap<>();
    env.put("AWS_CONFIG_FILE", config.toString());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    env.put("AWS_SECRET_ACCESS_KEY", "secret");
    env.put("AWS_ENDPOINT_URL", wm.baseUrl());
    for (int i = 0; i < extra.length; i += 2) {
      env.put(extra[i], extra[i + 1]);
    }
    return env;
  }

  @Test
  void theRegionComesFromTheProfileWhenNoRegionVariableIsSet() throws Exception {
    assertThat(new SsmSecretReader(env()).apply("/ci/github-token")).isEqualTo("tok");

    wm.verify(
        postRequestedFor(urlEqualTo("/"))
            .withHeader("Authorization", containing("/eu-west-1/ssm/aws4_request")));
  }

  @Test
  void aBlankAwsRegionFallsBackToAwsDefaultRegion() throws Exception {
    assertThat(
            new SsmSecretReader(env("AWS_REGION", " ", "AWS_DEFAULT_REGION", "us-east-2"))
                .apply("/ci/github-token"))
        .isEqualTo("tok");

    wm.verify(
        postRequestedFor(urlEqualTo("/"))
            .withHeader("Authorization", containing("/us-east-2/ssm/aws4_request")));
  }
}
