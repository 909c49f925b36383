package dev.kubeherd.toolkit.deploy;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import java.nio.file.Path;

/** sdf4k found nothing it can deploy at the path (exit code 2). */
public final class NothingDeployableException extends ToolkitException {
  NothingDeployableException(Path dir, String what) {
    super(ToolkitExitCodes.INPUT_MISSING, "nothing to deploy in " + dir + ": " + what);
  }
}
