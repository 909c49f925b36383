package dev.kubeherd.toolkit.pipeline;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;

/** A create found the pipeline already there (exit code 4). */
public final class PipelineExistsException extends ToolkitException {
  public PipelineExistsException(String what, String namespace, String fix) {
    super(
        ToolkitExitCodes.CONFLICT, what + " already exists in namespace " + namespace + "; " + fix);
  }
}
