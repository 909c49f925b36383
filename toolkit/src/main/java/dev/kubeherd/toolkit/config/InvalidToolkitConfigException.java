package dev.kubeherd.toolkit.config;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;

/**
 * The toolkit's configuration cannot be used: the config file is missing, malformed or has unknown
 * keys or values of the wrong type (exit code 2), or a {@code KUBEHERD_*} variable has a value of
 * the wrong type (exit code 1). The message names the file and line, or the variable.
 */
public final class InvalidToolkitConfigException extends ToolkitException {
  private InvalidToolkitConfigException(int exitCode, String message) {
    super(exitCode, message);
  }

  /** A problem in the config file. */
  static InvalidToolkitConfigException inFile(String message) {
    return new InvalidToolkitConfigException(ToolkitExitCodes.INPUT_MISSING, message);
  }

  /** A problem in an environment variable. */
  static InvalidToolkitConfigException inEnvironment(String message) {
    return new InvalidToolkitConfigException(ToolkitExitCodes.ERROR, message);
  }
}
