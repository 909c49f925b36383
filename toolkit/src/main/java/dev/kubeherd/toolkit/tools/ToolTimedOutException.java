package dev.kubeherd.toolkit.tools;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import dev.kubeherd.toolkit.config.DurationSyntax;
import dev.kubeherd.toolkit.config.ToolkitSetting;
import java.time.Duration;
import java.util.List;

/**
 * A tool ran longer than the tool timeout and was stopped with its child processes (exit code 1).
 * The message names the command, the timeout and how to raise it, and ends with its last lines.
 */
public final class ToolTimedOutException extends ToolkitException {
  private final ExternalTool tool;

  ToolTimedOutException(ExternalTool tool, String what, Duration timeout, List<String> tail) {
    super(
        ToolkitExitCodes.ERROR,
        what
            + " did not finish within "
            + DurationSyntax.format(timeout)
            + " and was stopped with its child processes; if it needs longer, raise --"
            + ToolkitSetting.TOOL_TIMEOUT.flag()
            + " ("
            + ToolkitSetting.TOOL_TIMEOUT.env()
            + ", "
            + ToolkitSetting.TOOL_TIMEOUT.yamlKey()
            + ": in kubeherd.yaml)"
            + (tail.isEmpty() ? "" : ". Its last lines:\n  " + String.join("\n  ", tail)));
    this.tool = tool;
  }

  public ExternalTool tool() {
    return tool;
  }
}
