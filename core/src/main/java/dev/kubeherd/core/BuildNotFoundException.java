package dev.kubeherd.core;

/** No build with that ID. */
public class BuildNotFoundException extends KubeherdException {
  public BuildNotFoundException(String message) {
    super(message);
  }

  public BuildNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
