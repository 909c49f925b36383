package dev.kubeherd.toolkit.image;

import java.nio.file.Path;

/** A file or directory the build needs is not there (exit code 2); the message names it. */
public final class MissingInputException extends ImageBuildException {
  private final Path path;

  public MissingInputException(String what, Path path, String hint) {
    super(ImageExitCodes.MISSING_INPUT, what + " not found: " + path + "; " + hint);
    this.path = path;
  }

  /** The missing path, as the user would find it. */
  public Path path() {
    return path;
  }
}
