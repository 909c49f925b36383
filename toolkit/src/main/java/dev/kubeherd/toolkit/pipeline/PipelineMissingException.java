package dev.kubeherd.toolkit.pipeline;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;

/** The pipeline an update, a run or a wait needs is not there (exit code 3: remote state). */
public final class PipelineMissingException extends ToolkitException {
  public PipelineMissingException(String message) {
    super(ToolkitExitCodes.REMOTE_FAILED, message);
  }
}
