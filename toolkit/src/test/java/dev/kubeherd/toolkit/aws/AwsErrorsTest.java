package dev.kubeherd.toolkit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsErrorsTest {

  @Test
  void aClientWithoutCredentialsIsToldWhatToSetNotEveryProviderTried() {
    // the SDK's own failure: a chain whose one provider finds nothing
    SdkClientException none =
        catchThrowableOfType(
            SdkClientException.class,
            () ->
                AwsCredentialsProviderChain.of(SystemPropertyCredentialsProvider.create())
                    .resolveCredentials());
    assertThat(none.getMessage()).startsWith("Unable to load credentials");

    assertThat(AwsErrors.describe(none))
        .isEqualTo(AwsErrors.NO_CREDENTIALS)
        .contains("AWS_ACCESS_KEY_ID", "AWS_PROFILE")
        .doesNotContain("SystemPropertyCredentialsProvider");
  }

  @Test
  void aServiceErrorIsItsCodeAndText() {
    AwsServiceException denied =
        AwsServiceException.builder()
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("AccessDeniedException")
                    .errorMessage("not authorized to perform: ssm:GetParameter")
                    .build())
            .build();

    assertThat(AwsErrors.describe(denied))
        .isEqualTo("AccessDeniedException: not authorized to perform: ssm:GetParameter");
  }

  @Test
  void anyOtherClientErrorKeepsItsMessage() {
    assertThat(AwsErrors.describe(SdkClientException.create("Unable to execute HTTP request")))
        .isEqualTo("Unable to execute HTTP request");
  }

  @Test
  void aThrottledCallIsToldToWaitAndRetryInsteadOfTheUsualHint() {
    AwsServiceException throttled =
        AwsServiceException.builder()
            .statusCode(400)
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("Throttling")
                    .errorMessage("Rate exceeded")
                    .build())
            .build();
    AwsServiceException denied =
        AwsServiceException.builder()
            .statusCode(400)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").build())
            .build();

    assertThat(AwsErrors.hint(throttled, "check the AWS credentials"))
        .startsWith("AWS is throttling this account's requests")
        .contains("run again in a minute");
    assertThat(AwsErrors.hint(denied, "check the AWS credentials"))
        .isEqualTo("check the AWS credentials");
  }
}
