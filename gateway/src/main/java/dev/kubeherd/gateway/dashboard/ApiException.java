package dev.kubeherd.gateway.dashboard;

/**
 * A request the read API cannot answer as asked: an HTTP status (400, 404, 409 …) and a message for
 * the caller saying what was wrong and what to do.
 */
public final class ApiException extends RuntimeException {
  private final int status;

  public ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, message);
  }
}
