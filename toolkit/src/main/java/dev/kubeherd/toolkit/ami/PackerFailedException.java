package dev.kubeherd.toolkit.ami;

import java.util.List;

/**
 * {@code packer build} did not produce an AMI (exit code 4). Nothing was tagged, published or
 * rolled out; the message ends with packer's last output lines.
 */
public final class PackerFailedException extends AmiBuildException {
  public PackerFailedException(String what, List<String> lastLines) {
    super(
        AmiExitCodes.PACKER_FAILED,
        what
            + "; no SSM parameter or launch template was changed"
            + (lastLines.isEmpty()
                ? ""
                : ". packer's last output:\n" + String.join("\n", lastLines)));
  }
}
