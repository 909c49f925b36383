package dev.kubeherd.toolkit.ssm;

import dev.kubeherd.toolkit.aws.AwsErrors;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.AccessDeniedException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;

/**
 * Reads and writes SSM parameters of one region: deploy keys, tokens, shared secrets. {@link #put}
 * stores {@code SecureString} unless told otherwise and overwrites; {@link #get} always decrypts.
 * Values are never logged and never appear in exception messages.
 */
public final class SsmParameters {
  private final SsmClient ssm;
  private final String region;

  /**
   * @param ssm a client for {@code region}
   */
  public SsmParameters(SsmClient ssm, String region) {
    this.ssm = ssm;
    this.region = region;
  }

  /**
   * Writes {@code value} to {@code name} (PutParameter, {@code Overwrite=true}).
   *
   * @param kmsKeyId the KMS key for a {@code SecureString}; empty = the account's {@code aws/ssm}
   * @return the new parameter version
   * @throws SsmParameterException (exit code 3) on any AWS failure
   */
  public long put(String name, String value, ParameterKind kind, Optional<String> kmsKeyId) {
    if (kind != ParameterKind.SECURE_STRING && kmsKeyId.isPresent()) {
      throw new IllegalArgumentException("a KMS key applies only to SecureString parameters");
    }
    try {
      return ssm.putParameter(
              b -> {
                b.name(name).value(value).type(kind.type()).overwrite(true);
                kmsKeyId.ifPresent(b::keyId);
              })
          .version();
    } catch (SdkException e) {
      throw failure("PutParameter", name, "ssm:PutParameter", "kms:GenerateDataKey", e);
    }
  }

  /**
   * The decrypted value of {@code name} (GetParameter, {@code WithDecryption=true}).
   *
   * @param name the name, optionally with {@code :VERSION} or {@code :LABEL}
   * @throws SsmParameterNotFoundException when it, or the version asked for, does not exist
   * @throws SsmAccessDeniedException when the caller may not read or decrypt it
   * @throws SsmParameterException on any other AWS failure
   */
  public String get(String name) {
    try {
      return ssm.getParameter(b -> b.name(name).withDecryption(true)).parameter().value();
    } catch (SdkException e) {
      throw failure("GetParameter", name, "ssm:GetParameter", "kms:Decrypt", e);
    }
  }

  private SsmParameterException failure(
      String operation, String name, String action, String kmsAction, SdkException e) {
    if (e instanceof ParameterNotFoundException) {
      return new SsmParameterNotFoundException(name, region, e);
    }
    if (e instanceof ParameterVersionNotFoundException) {
      return SsmParameterNotFoundException.version(name, region, e);
    }
    if (e instanceof AccessDeniedException || "AccessDeniedException".equals(errorCode(e))) {
      return new SsmAccessDeniedException(name, region, action, kmsAction, e);
    }
    return new SsmParameterException(
        name,
        "SSM "
            + operation
            + " of "
            + name
            + " in "
            + region
            + " failed: "
            + message(e)
            + "; "
            + AwsErrors.hint(e, "check the name, the region and the AWS credentials"),
        e);
  }

  private static String errorCode(SdkException e) {
    return e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
        ? aws.awsErrorDetails().errorCode()
        : null;
  }

  private static String message(SdkException e) {
    return AwsErrors.describe(e);
  }
}
