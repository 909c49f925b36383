package dev.kubeherd.toolkit.git;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;

/**
 * Git access failed: the remote refused the credentials, the host key did not match, the revision
 * does not exist, or the transfer broke (exit code 3; an unreadable deploy key file is exit code
 * 2). Messages name the repository and revision, never a key or token.
 */
public class GitAccessException extends ToolkitException {
  public GitAccessException(String message, Throwable cause) {
    super(ToolkitExitCodes.REMOTE_FAILED, message, cause);
  }

  GitAccessException(int exitCode, String message) {
    super(exitCode, message);
  }
}
