package dev.kubeherd.toolkit.ssm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import dev.kubeherd.toolkit.ami.AwsClients;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** {@link SsmParameters#get} against SSM's JSON protocol on WireMock. */
class SsmParametersTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  AwsClients aws;
  SsmParameters parameters;

  @BeforeEach
  void ssmOnWireMock() {
    aws =
        new AwsClients(
            Optional.of(URI.create(wm.baseUrl())),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")));
    parameters = new SsmParameters(aws.ssm("eu-west-1"), "eu-west-1");
  }

  @AfterEach
  void close() {
    aws.close();
  }

  @Test
  void aVersionThatDoesNotExistIsAMissingParameterNamingTheVersion() {
    wm.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
            .withRequestBody(equalToJson("{\"Name\":\"/kubeherd/key:7\",\"WithDecryption\":true}"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(
                        "{\"__type\":\"ParameterVersionNotFound\","
                            + "\"message\":\"Systems Manager could not find version 7\"}")));

    SsmParameterNotFoundException e =
        catchThrowableOfType(
            SsmParameterNotFoundException.class, () -> parameters.get("/kubeherd/key:7"));

    assertThat(e.parameter()).isEqualTo("/kubeherd/key:7");
    assertThat(e.exitCode()).isEqualTo(ToolkitExitCodes.REMOTE_FAILED);
    assertThat(e.asParameterNotFound().exitCode())
        .isEqualTo(ToolkitExitCodes.PARAMETER_NOT_FOUND)
        .isEqualTo(6);
    assertThat(e.getMessage())
        .isEqualTo(
            "SSM parameter /kubeherd/key has no version 7 in eu-west-1; list its versions with"
                + " 'aws ssm get-parameter-history --name /kubeherd/key' or leave out ':7' for"
                + " the latest");
  }

  @Test
  void aThrottledReadSaysToRetryLaterNotToCheckTheNameOrTheCredentials() {
    wm.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(
                        "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}")));

    SsmParameterException e =
        catchThrowableOfType(SsmParameterException.class, () -> parameters.get("/kubeherd/key"));

    assertThat(e.exitCode()).isEqualTo(ToolkitExitCodes.REMOTE_FAILED);
    assertThat(e.getMessage())
        .startsWith(
            "SSM GetParameter of /kubeherd/key in eu-west-1 failed: ThrottlingException: Rate"
                + " exceeded; AWS is throttling this account's requests")
        .contains("run again in a minute")
        .doesNotContain("check the name");
  }
}
