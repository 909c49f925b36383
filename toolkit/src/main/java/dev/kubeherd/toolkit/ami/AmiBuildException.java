package dev.kubeherd.toolkit.ami;

import dev.kubeherd.toolkit.ToolkitException;

/** A step of {@code kubeherd build ami} failed (exit code 1 unless a subclass says otherwise). */
public class AmiBuildException extends ToolkitException {
  public AmiBuildException(String message) {
    super(AmiExitCodes.ERROR, message);
  }

  public AmiBuildException(String message, Throwable cause) {
    super(AmiExitCodes.ERROR, message, cause);
  }

  protected AmiBuildException(int exitCode, String message) {
    super(exitCode, message);
  }
}
