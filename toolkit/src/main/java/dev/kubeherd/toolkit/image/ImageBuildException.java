package dev.kubeherd.toolkit.image;

import dev.kubeherd.toolkit.ToolkitException;

/** {@code kubeherd build dockerimage} failed (exit code 1 unless a subclass says otherwise). */
public class ImageBuildException extends ToolkitException {
  public ImageBuildException(String message) {
    super(ImageExitCodes.ERROR, message);
  }

  public ImageBuildException(String message, Throwable cause) {
    super(ImageExitCodes.ERROR, message, cause);
  }

  protected ImageBuildException(int exitCode, String message) {
    super(exitCode, message);
  }
}
