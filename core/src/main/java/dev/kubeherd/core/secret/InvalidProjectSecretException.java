package dev.kubeherd.core.secret;

import dev.kubeherd.core.KubeherdException;

/** A project Secret document could not be turned into a project; the message says what to fix. */
public class InvalidProjectSecretException extends KubeherdException {
  public InvalidProjectSecretException(String message) {
    super(message);
  }

  public InvalidProjectSecretException(String message, Throwable cause) {
    super(message, cause);
  }
}
