package dev.kubeherd.toolkit.tools;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;

/** A tool the command needs is not installed (exit code 1); says how to get it. */
public final class ToolNotInstalledException extends ToolkitException {
  private final ExternalTool tool;

  ToolNotInstalledException(ExternalTool tool, String executable, String where) {
    super(
        ToolkitExitCodes.TOOL_MISSING,
        tool.command()
            + " is not installed: "
            + executable
            + " "
            + where
            + "; "
            + tool.installHint());
    this.tool = tool;
  }

  public ExternalTool tool() {
    return tool;
  }
}
