package dev.kubeherd.toolkit.pipeline;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;

/** The pipeline's inputs contradict each other or a file is missing (exit code 2). */
public final class PipelineInputException extends ToolkitException {
  public PipelineInputException(String message) {
    super(ToolkitExitCodes.INPUT_MISSING, message);
  }
}
