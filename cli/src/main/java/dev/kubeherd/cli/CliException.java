package dev.kubeherd.cli;

import dev.kubeherd.core.KubeherdException;

/** A user-facing command failure: printed as {@code Error: <message>}, exit code 1. */
public class CliException extends KubeherdException {
  public CliException(String message) {
    super(message);
  }

  public CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
