package dev.kubeherd.toolkit.ssm;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;

/**
 * An SSM call for one parameter failed (exit code 3, unless a subclass says otherwise). The message
 * names the parameter and region and says what to do; it never contains the parameter's value.
 */
public class SsmParameterException extends ToolkitException {
  private final String parameter;

  SsmParameterException(String parameter, String message, Throwable cause) {
    this(ToolkitExitCodes.REMOTE_FAILED, parameter, message, cause);
  }

  SsmParameterException(int exitCode, String parameter, String message, Throwable cause) {
    super(exitCode, message, cause);
    this.parameter = parameter;
  }

  /** The parameter's name. */
  public String parameter() {
    return parameter;
  }
}
