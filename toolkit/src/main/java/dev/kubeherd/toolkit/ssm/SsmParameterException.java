package dev.kubeherd.toolkit.ssm;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;

/**
 * An SSM call for one parameter failed (exit code 3). The message names the parameter and region
 * and says what to do; it never contains the parameter's value.
 */
public class SsmParameterException extends ToolkitException {
  private final String parameter;

  SsmParameterException(String parameter, String message, Throwable cause) {
    super(ToolkitExitCodes.REMOTE_FAILED, message, cause);
    this.parameter = parameter;
  }

  /** The parameter's name. */
  public String parameter() {
    return parameter;
  }
}
