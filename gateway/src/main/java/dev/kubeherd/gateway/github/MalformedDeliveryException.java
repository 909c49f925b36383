package dev.kubeherd.gateway.github;

/** A delivery whose body is not the JSON GitHub sends for its event type; answered with 400. */
public final class MalformedDeliveryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedDeliveryException(String message, Throwable cause) {
    super(message, cause);
  }

  public MalformedDeliveryException(String message) {
    super(message);
  }
}
