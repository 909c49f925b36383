package dev.kubeherd.toolkit.sync;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;

/**
 * {@code apps.yaml} cannot be used (exit code 2); the message starts with {@code file:line:column}.
 */
public final class MalformedAppsFileException extends ToolkitException {
  MalformedAppsFileException(String message) {
    super(ToolkitExitCodes.INPUT_MISSING, message);
  }
}
