package dev.kubeherd.toolkit.image;

import java.nio.file.Path;

/**
 * {@code --work-dir} is inside the build context (exit code 1): the secrets and the previous
 * build's saved artifacts written there would be copied into the images with the context.
 */
public final class WorkDirInContextException extends ImageBuildException {
  public WorkDirInContextException(Path workDir, Path context) {
    super(
        "--work-dir "
            + workDir
            + " is inside the build context "
            + context
            + ": the whole context is copied into the builder and runtime images, and with it the"
            + " secrets and the previous build's saved artifacts (--incremental) kubeherd writes to"
            + " the work directory; choose a --work-dir outside the context");
  }
}
