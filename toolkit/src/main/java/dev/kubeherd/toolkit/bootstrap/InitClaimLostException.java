package dev.kubeherd.toolkit.bootstrap;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;

/**
 * This bootstrap fired init, but its claim on the init marker was changed meanwhile: another
 * bootstrap took it for abandoned (it recorded no build within the claim timeout) and fired init
 * too. Exit 3.
 */
public final class InitClaimLostException extends ToolkitException {
  public InitClaimLostException(String marker, String buildId) {
    super(
        ToolkitExitCodes.REMOTE_FAILED,
        "init build "
            + buildId
            + " was stored, but "
            + marker
            + " changed since this bootstrap claimed it: another bootstrap took the claim for"
            + " abandoned (no build recorded within --lease-timeout) and fired init as well, so"
            + " init may run twice; its build is the one recorded there. Raise --lease-timeout if"
            + " storing the build can take that long");
  }
}
