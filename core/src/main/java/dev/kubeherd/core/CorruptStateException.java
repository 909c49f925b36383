package dev.kubeherd.core;

/** A stored file could not be read; the message names it. */
public class CorruptStateException extends KubeherdException {
  public CorruptStateException(String message) {
    super(message);
  }

  public CorruptStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
