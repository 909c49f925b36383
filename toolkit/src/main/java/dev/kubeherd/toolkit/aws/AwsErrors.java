package dev.kubeherd.toolkit.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** What an AWS SDK failure says, in a line a user can act on. */
public final class AwsErrors {
  static final String NO_CREDENTIALS =
      "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and"
          + " AWS_SESSION_TOKEN for temporary ones), or AWS_PROFILE for a profile in ~/.aws, or run"
          + " where a role provides them (EC2 instance profile, EKS pod identity)";

  static final String THROTTLED =
      "AWS is throttling this account's requests (still after the SDK's retries): run again in a"
          + " minute, and look for other callers of the same API (many nodes booting at once, a"
          + " loop)";

  private AwsErrors() {}

  /**
   * What to do about {@code e}: for a throttled call, wait and run again (credentials, names and
   * permissions are fine); otherwise {@code otherwise}, the caller's usual advice.
   */
  public static String hint(SdkException e, String otherwise) {
    return e instanceof AwsServiceException aws && aws.isThrottlingException()
        ? THROTTLED
        : otherwise;
  }

  /**
   * The service's error code and text; for a client without credentials, which the SDK reports by
   * listing every provider it tried (over a thousand characters), what to set instead.
   */
  public static String describe(SdkException e) {
    if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
      String code = aws.awsErrorDetails().errorCode();
      String text = aws.awsErrorDetails().errorMessage();
      return (code == null ? "" : code + ": ") + (text == null ? "" : text);
    }
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return message.startsWith("Unable to load credentials") ? NO_CREDENTIALS : message;
  }
}
