package dev.kubeherd.toolkit.ssm;

import dev.kubeherd.toolkit.ToolkitExitCodes;

/**
 * The parameter, or the version ({@code NAME:VERSION}) asked for, does not exist in the region:
 * exit code 3 ({@link ToolkitExitCodes#REMOTE_FAILED}) where a command needs the parameter, {@link
 * ToolkitExitCodes#PARAMETER_NOT_FOUND} for {@code brigadm ssm get} ({@link
 * #asParameterNotFound()}).
 */
public final class SsmParameterNotFoundException extends SsmParameterException {
  SsmParameterNotFoundException(String parameter, String region, Throwable cause) {
    this(ToolkitExitCodes.REMOTE_FAILED, parameter, message(parameter, region), cause);
  }

  /**
   * {@code name} is {@code NAME:VERSION} (or {@code NAME:LABEL}) and that version does not exist.
   */
  static SsmParameterNotFoundException version(String name, String region, Throwable cause) {
    int colon = name.lastIndexOf(':');
    String parameter = colon < 0 ? name : name.substring(0, colon);
    String version = colon < 0 ? "" : name.substring(colon + 1);
    return new SsmParameterNotFoundException(
        ToolkitExitCodes.REMOTE_FAILED,
        name,
        "SSM parameter "
            + parameter
            + " has no version "
            + version
            + " in "
            + region
            + "; list its versions with 'aws ssm get-parameter-history --name "
            + parameter
            + "' or leave out ':"
            + version
            + "' for the latest",
        cause);
  }

  private SsmParameterNotFoundException(
      int exitCode, String parameter, String message, Throwable cause) {
    super(exitCode, parameter, message, cause);
  }

  /** The same failure with exit code {@link ToolkitExitCodes#PARAMETER_NOT_FOUND}. */
  public SsmParameterNotFoundException asParameterNotFound() {
    return new SsmParameterNotFoundException(
        ToolkitExitCodes.PARAMETER_NOT_FOUND, parameter(), getMessage(), getCause());
  }

  private static String message(String parameter, String region) {
    return "SSM parameter "
        + parameter
        + " not found in "
        + region
        + "; create it with 'brigadm ssm put "
        + parameter
        + " --value-from-file FILE' or check the name and region";
  }
}
