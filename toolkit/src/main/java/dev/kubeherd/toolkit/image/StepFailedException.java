package dev.kubeherd.toolkit.image;

import java.util.List;

/**
 * A build step (base image build, {@code assemble}, {@code assemble-runtime}, {@code
 * save-artifacts}) failed (exit code 4). The message ends with the step's last output lines; its
 * container was removed and no image was tagged or pushed.
 */
public final class StepFailedException extends ImageBuildException {
  private final List<String> lastLines;

  public StepFailedException(String what, List<String> lastLines) {
    super(
        ImageExitCodes.STEP_FAILED,
        what + (lastLines.isEmpty() ? "" : ". Its last output:\n" + String.join("\n", lastLines)));
    this.lastLines = List.copyOf(lastLines);
  }

  /** The step's last output lines (stdout and stderr). */
  public List<String> lastLines() {
    return lastLines;
  }
}
