package dev.kubeherd.gateway.status;

import dev.kubeherd.core.KubeherdException;

/**
 * A GitHub call failed for good. {@code status} is GitHub's HTTP status, 0 when GitHub could not be
 * reached. Messages name the call and GitHub's reason, never a token.
 */
public final class GithubApiException extends KubeherdException {
  private final int status;

  GithubApiException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** Whether trying again later can help: no answer, 5xx, or 429 (rate limited). */
  boolean retryable() {
    return status == 0 || status == 429 || status >= 500;
  }
}
