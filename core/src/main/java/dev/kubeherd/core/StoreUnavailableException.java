package dev.kubeherd.core;

/**
 * The store behind a port could not be reached or refused the call, even after retries (an API
 * server down, missing permissions). The message names the call and says what to check.
 */
public class StoreUnavailableException extends KubeherdException {
  public StoreUnavailableException(String message) {
    super(message);
  }

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
