package dev.kubeherd.toolkit.tools;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import java.util.List;

/**
 * A tool ran and exited non-zero (exit code 1). The message ends with the last lines it printed
 * (for tools whose output is captured, such as {@code sops --decrypt}, only its error output).
 */
public final class ToolFailedException extends ToolkitException {
  private final ExternalTool tool;
  private final int toolExitCode;
  private final List<String> tail;

  ToolFailedException(ExternalTool tool, String what, int toolExitCode, List<String> tail) {
    super(
        ToolkitExitCodes.ERROR,
        what
            + " failed with exit code "
            + toolExitCode
            + (tail.isEmpty() ? "" : ":\n  " + String.join("\n  ", tail)));
    this.tool = tool;
    this.toolExitCode = toolExitCode;
    this.tail = List.copyOf(tail);
  }

  public ExternalTool tool() {
    return tool;
  }

  /** The tool's own exit code. */
  public int toolExitCode() {
    return toolExitCode;
  }

  /** The last lines it printed. */
  public List<String> tail() {
    return tail;
  }
}
