package dev.kubeherd.toolkit.ssm;

/**
 * The caller may not read or write the parameter (exit code 3); the message names the IAM action
 * the caller's policy must allow on it.
 */
public final class SsmAccessDeniedException extends SsmParameterException {
  private final String action;

  SsmAccessDeniedException(
      String parameter, String region, String action, String kmsAction, Throwable cause) {
    super(
        parameter,
        "access denied to SSM parameter "
            + parameter
            + " in "
            + region
            + ": the caller's IAM policy must allow "
            + action
            + " on it (and "
            + kmsAction
            + " on its KMS key for a SecureString)",
        cause);
    this.action = action;
  }

  /** The IAM action that was denied, e.g. {@code ssm:GetParameter}. */
  public String action() {
    return action;
  }
}
