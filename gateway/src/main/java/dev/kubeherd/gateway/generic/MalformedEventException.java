package dev.kubeherd.gateway.generic;

/**
 * An event body or its CloudEvent attributes are not what the route takes; answered with 400 and
 * the message as the {@code status} text (Brigade v1's wording where v1 had one).
 */
public final class MalformedEventException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedEventException(String status) {
    super(status);
  }

  public MalformedEventException(String status, Throwable cause) {
    super(status, cause);
  }
}
