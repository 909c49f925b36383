package dev.kubeherd.toolkit;

import dev.kubeherd.core.KubeherdException;

/**
 * A toolkit command failed in a way the user can act on. Carries the process exit code the command
 * line maps it to, so scripts and pipelines can tell failures apart (see each command's help).
 */
public class ToolkitException extends KubeherdException {
  /** Any failure without a more specific code: usage, AWS API errors, impossible rollbacks. */
  public static final int ERROR = 1;

  private final int exitCode;

  public ToolkitException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public ToolkitException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** The exit code of the command that failed with this exception. */
  public int exitCode() {
    return exitCode;
  }
}
