package dev.kubeherd.core;

/** Base of kubeherd's specific failures; messages say what failed and what to do. */
public class KubeherdException extends RuntimeException {
  public KubeherdException(String message) {
    super(message);
  }

  public KubeherdException(String message, Throwable cause) {
    super(message, cause);
  }
}
